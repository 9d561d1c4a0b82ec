package org.smtpgw.mailets.notify;

import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * Builds the gateway's own messages (notifications, the engine outage notice) and recognises them, and other
 * automatic mail, so that the gateway never notifies about them: two gateways notifying each other's notifications
 * would loop.
 *
 * <p>Every message made here carries {@code Auto-Submitted: auto-generated} (RFC 3834, which other mail systems
 * honour too) and {@value #KIND_HEADER} naming what it is.
 */
public final class Notifications {
    public static final String KIND_HEADER = "X-Smtpgw-Notification";
    public static final String AUTO_SUBMITTED = "Auto-Submitted";
    public static final String KIND_ENGINE_UNAVAILABLE = "engine-unavailable";

    private Notifications() {
    }

    /** A text/plain UTF-8 message with the marks of a gateway notification. Subject and body are used as given. */
    public static MimeMessage newMessage(MailAddress from, Collection<MailAddress> to, String subject, String body,
                                         String kind) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(from.toInternetAddress().orElseThrow());
        for (MailAddress recipient : to) {
            message.addRecipient(Message.RecipientType.TO, recipient.toInternetAddress().orElseThrow());
        }
        message.setSubject(sanitizeLine(subject), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader(AUTO_SUBMITTED, "auto-generated");
        message.setHeader(KIND_HEADER, kind);
        message.setText(body, "UTF-8");
        message.saveChanges();
        return message;
    }

    /**
     * Whether no notification may be sent about this mail at all: it is one of ours, or it declares itself automatic
     * ({@code Auto-Submitted} other than {@code no}), or it is a delivery status notification (null sender with a
     * {@code multipart/report} body).
     */
    public static boolean isAutomatic(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message.getHeader(KIND_HEADER) != null) {
            return true;
        }
        String[] autoSubmitted = message.getHeader(AUTO_SUBMITTED);
        if (autoSubmitted != null) {
            for (String value : autoSubmitted) {
                if (!value.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
                    return true;
                }
            }
        }
        return mail.getMaybeSender().isNullSender() && isReport(message);
    }

    private static boolean isReport(MimeMessage message) throws MessagingException {
        String type = message.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report");
    }

    /**
     * A value taken from a message, made safe for one line of a header or a template: CR, LF and other control
     * characters become spaces, so a crafted subject cannot add headers or lines to a notification.
     */
    public static String sanitizeLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().trim();
    }

    /** This host's name, for the {@code hostname} macro and headers. */
    public static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
