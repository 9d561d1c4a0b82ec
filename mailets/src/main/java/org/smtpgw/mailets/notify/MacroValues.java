package org.smtpgw.mailets.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.model.ScannedObject;

/**
 * The values of the template macros for one mail. Every value taken from the message is one sanitised line (see
 * {@link Notifications#sanitizeLine}); header values are decoded (RFC 2047) first, so an encoded CR/LF is caught too.
 */
public final class MacroValues {
    private MacroValues() {
    }

    public static Map<String, String> of(Mail mail, ScanResult result, String hostname) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sender", mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("<>"));
        values.put("recipients", mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(", ")));
        values.put("subject", header(message, "Subject"));
        values.put("messageId", header(message, "Message-ID"));
        values.put("date", header(message, "Date"));
        values.put("group", Notifications.sanitizeLine(result.group()));
        values.put("statuses", result.verdict().statuses().stream().map(ObjectStatus::configName)
            .collect(Collectors.joining(", ")));
        values.put("virusNames", Notifications.sanitizeLine(String.join(", ", result.verdict().virusNames())));
        values.put("objects", objects(result));
        values.put("hostname", Notifications.sanitizeLine(hostname));
        values.put("mailName", Notifications.sanitizeLine(mail.getName()));
        values.replaceAll((key, value) -> key.equals("objects") ? value : Notifications.sanitizeLine(value));
        return values;
    }

    /** One line per object that is not clean, or a line saying all are clean. */
    static String objects(ScanResult result) {
        String lines = result.verdict().objects().stream()
            .filter(object -> object.status() != ObjectStatus.CLEAN)
            .map(object -> line(object, result))
            .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "  (all objects clean)" : lines;
    }

    private static String line(ScannedObject object, ScanResult result) {
        StringBuilder line = new StringBuilder("  ").append(object.path());
        object.name().ifPresent(name -> line.append(" \"").append(name).append('"'));
        line.append(": ").append(object.status().configName());
        if (!object.virusNames().isEmpty()) {
            line.append(" (").append(String.join(", ", object.virusNames())).append(')');
        }
        result.actionFor(object.path().toString()).ifPresent(action -> line.append(", action: ").append(action));
        return "  " + Notifications.sanitizeLine(line.toString());
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String raw = message.getHeader(name, null);
        if (raw == null) {
            return "";
        }
        try {
            return Notifications.sanitizeLine(MimeUtility.decodeText(MimeUtility.unfold(raw)));
        } catch (java.io.UnsupportedEncodingException e) {
            return Notifications.sanitizeLine(raw);
        }
    }
}
