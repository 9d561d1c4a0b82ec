package org.smtpgw.mailets.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** The RFC 822 bytes of a message. */
public final class MessageBytes {
    private MessageBytes() {
    }

    public static byte[] of(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot read the message: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
