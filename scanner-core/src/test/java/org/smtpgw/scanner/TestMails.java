package org.smtpgw.scanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds RFC 822 messages as text for tests. */
public final class TestMails {
    public static final String BOUNDARY = "=_test_boundary_";

    private TestMails() {
    }

    /** A multipart/mixed message with these parts (each: headers, empty line, body). */
    public static String multipart(String... parts) {
        StringBuilder mail = new StringBuilder()
            .append("From: sender@example.com\r\n")
            .append("To: rcpt@example.org\r\n")
            .append("Subject: test\r\n")
            .append("MIME-Version: 1.0\r\n")
            .append("Content-Type: multipart/mixed; boundary=\"").append(BOUNDARY).append("\"\r\n")
            .append("\r\n")
            .append("This is a MIME message.\r\n");
        for (String part : parts) {
            mail.append("--").append(BOUNDARY).append("\r\n").append(part);
            if (!part.endsWith("\r\n")) {
                mail.append("\r\n");
            }
        }
        return mail.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    public static String textPart(String text) {
        return "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text + "\r\n";
    }

    /** A base64 attachment with this Content-Type and file name. */
    public static String attachment(String contentType, String fileName, byte[] content) {
        return "Content-Type: " + contentType + "; name=\"" + fileName + "\"\r\n"
            + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(content) + "\r\n";
    }

    public static InputStream stream(String mail) {
        return new ByteArrayInputStream(mail.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static InputStream resource(String name) {
        InputStream in = TestMails.class.getResourceAsStream("/mime/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing test resource /mime/" + name));
        }
        return in;
    }
}
