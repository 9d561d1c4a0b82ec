package org.smtpgw.it.av;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The EICAR test file and its variants of the manual's Table 1, in the message shapes the tests send. */
final class Messages {
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final String BOUNDARY = "==smtpgw-it-boundary==";

    private Messages() {
    }

    static String variant(String prefix) {
        return prefix + EICAR;
    }

    private static String headers(String from, String to, String subject) {
        return "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <" + subject.replace(' ', '-') + "@client.test>\r\nMIME-Version: 1.0\r\n";
    }

    /** The test file as the whole text body. */
    static String plain(String from, String to, String subject, String content) {
        return headers(from, to, subject) + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + content + "\r\n";
    }

    /** A text part and one base64 attachment per (name, content) pair. */
    static String withAttachments(String from, String to, String subject, String text, Object... nameAndBytes) {
        StringBuilder b = new StringBuilder(headers(from, to, subject))
            .append("Content-Type: multipart/mixed; boundary=\"").append(BOUNDARY).append("\"\r\n\r\n")
            .append("--").append(BOUNDARY).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
            .append(text).append("\r\n");
        for (int i = 0; i < nameAndBytes.length; i += 2) {
            String name = (String) nameAndBytes[i];
            byte[] content = nameAndBytes[i + 1] instanceof String s ? s.getBytes(StandardCharsets.US_ASCII)
                : (byte[]) nameAndBytes[i + 1];
            b.append("--").append(BOUNDARY).append("\r\nContent-Type: application/octet-stream; name=\"")
                .append(name).append("\"\r\nContent-Disposition: attachment; filename=\"").append(name)
                .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(content)).append("\r\n");
        }
        return b.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    /** A text part and an attached message (message/rfc822) whose body is {@code innerBody}. */
    static String nested(String from, String to, String subject, String text, String innerBody) {
        return headers(from, to, subject)
            + "Content-Type: multipart/mixed; boundary=\"" + BOUNDARY + "\"\r\n\r\n"
            + "--" + BOUNDARY + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + text + "\r\n"
            + "--" + BOUNDARY + "\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fwd.eml\"\r\n\r\n"
            + "From: <someone@else.test>\r\nTo: <" + from + ">\r\nSubject: inner\r\nContent-Type: text/plain\r\n\r\n"
            + innerBody + "\r\n"
            + "--" + BOUNDARY + "--\r\n";
    }

    static byte[] zip(String entryName, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content.getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String base64(String s) {
        return Base64.getMimeEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }
}
