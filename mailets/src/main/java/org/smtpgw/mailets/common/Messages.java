package org.smtpgw.mailets.common;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** Helpers for changing a message in place. */
public final class Messages {
    private Messages() {
    }

    /**
     * Saves changes to the message. {@link MimeMessage#saveChanges()} also makes a new Message-ID; a message the gateway
     * changes must keep the sender's (threads, duplicates detection, the log's srcid).
     */
    public static void saveKeepingMessageId(MimeMessage message) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        message.saveChanges();
        if (messageId == null) {
            message.removeHeader("Message-ID");
        } else {
            message.setHeader("Message-ID", messageId[0]);
        }
    }
}
