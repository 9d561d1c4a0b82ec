package org.smtpgw.mailets.av;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.smtpgw.scanner.builtin.EicarVariant;

/** RFC 822 test messages written out by hand, so each test shows exactly what the gateway receives. */
public final class TestMessages {
    public static final String BOUNDARY = "==boundary==";

    private TestMessages() {
    }

    /** An attachment: file name, MIME type and content (sent base64). */
    public record Attachment(String name, String type, byte[] content) {
    }

    public static byte[] eicar() {
        return EicarVariant.STANDARD.testFile();
    }

    public static byte[] variant(EicarVariant variant) {
        return variant.testFile();
    }

    public static MimeMessage parse(String rfc822) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(rfc822.getBytes(StandardCharsets.UTF_8)));
    }

    public static MimeMessage parse(byte[] rfc822) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rfc822));
    }

    /** A multipart/mixed message with a text body (part 1) and the attachments (parts 2, 3, ...). */
    public static String multipart(String subject, String text, List<Attachment> attachments) {
        StringBuilder out = new StringBuilder()
            .append("From: sender@example.org\r\n")
            .append("To: rcpt@example.com\r\n")
            .append("Subject: ").append(subject).append("\r\n")
            .append("Message-ID: <test-1@example.org>\r\n")
            .append("Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n")
            .append("MIME-Version: 1.0\r\n")
            .append("Content-Type: multipart/mixed; boundary=\"").append(BOUNDARY).append("\"\r\n\r\n")
            .append("--").append(BOUNDARY).append("\r\n")
            .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n")
            .append(text).append("\r\n");
        for (Attachment attachment : attachments) {
            out.append("--").append(BOUNDARY).append("\r\n")
                .append(attachmentPart(attachment));
        }
        return out.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    static String attachmentPart(Attachment attachment) {
        return "Content-Type: " + attachment.type() + "; name=\"" + attachment.name() + "\"\r\n"
            + "Content-Disposition: attachment; filename=\"" + attachment.name() + "\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(attachment.content()) + "\r\n";
    }

    /** A single-part text/plain message. */
    public static String plain(String subject, String body) {
        return "From: sender@example.org\r\n"
            + "To: rcpt@example.com\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <plain-1@example.org>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
            + body + "\r\n";
    }

    /** A multipart/mixed message whose part 2 is an attached message (message/rfc822). */
    public static String withAttachedMessage(String attached) {
        return "From: sender@example.org\r\n"
            + "To: rcpt@example.com\r\n"
            + "Subject: forward\r\n"
            + "Message-ID: <outer-1@example.org>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer==\"\r\n\r\n"
            + "--outer==\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "see attached\r\n"
            + "--outer==\r\n"
            + "Content-Type: message/rfc822\r\n\r\n"
            + attached
            + "--outer==--\r\n";
    }

    public static byte[] zip(String entryName, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
