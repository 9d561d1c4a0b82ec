package org.smtpgw.mailets.eventlog;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.smtpgw.matchers.verdict.ScanResult;

/**
 * The texts of the manual's A.13 lines, made from a mail. The manual's copy writes some values in angle brackets
 * and others bare; this follows it literally (an administrator's scripts are written against the manual):
 *
 * <pre>
 * RECEIVED, from=&lt;a@b&gt;, nrcpt=2, size=1234, client=[192.0.2.1], helo=&lt;client.example&gt;, message_id=&lt;id@b&gt;, flags=E
 * SCANNED, group=&lt;policy&gt;, nrcpt=2, status="infected, clean", srcid=Mail123, names="EICAR-Test-File"
 * NOTIFY, notify=admin, nrcpt=1, size=2345, srcid=Mail123
 * SPLITTED, domain=&lt;example.com&gt;, nrcpt=1, srcid=Mail123
 * DELIVERED, rcpt=&lt;c@d&gt;, server=10.0.0.5, size=1234, status=sent
 * BLOCKED, rcpt=c@d, size=1234
 * </pre>
 *
 * <p>{@code srcid} is the envelope id of the message as it was received: James names the copy it makes when a
 * matcher splits the recipients {@code <original>-!<digits>}, so the suffix is cut off. A {@code SCANNED} or
 * {@code SPLITTED} line thus points back to its {@code RECEIVED} line.
 */
public final class EventLines {
    /** The header a notification may carry naming the envelope id of the mail it is about. */
    public static final String SOURCE_ID_HEADER = "X-Smtpgw-Source-Id";
    /** The header the {@code Notify} mailet puts on notifications: admin, sender or recipients. */
    public static final String NOTIFICATION_HEADER = "X-Smtpgw-Notification";
    static final String UNKNOWN = "-";

    private static final String SPLIT_MARK = "-!";
    private static final Pattern HELO = Pattern.compile("\\((?:EHLO|HELO) ([^\\s()]+)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern WITH = Pattern.compile("\\bwith\\s+(\\S+)", Pattern.CASE_INSENSITIVE);

    private EventLines() {
    }

    public static String received(Mail mail) throws MessagingException {
        Optional<String> received = topReceived(mail.getMessage());
        return "RECEIVED, from=<" + mail.getMaybeSender().asString("") + ">"
            + ", nrcpt=" + mail.getRecipients().size()
            + ", size=" + mail.getMessageSize()
            + ", client=[" + Optional.ofNullable(mail.getRemoteAddr()).orElse("") + "]"
            + ", helo=<" + received.flatMap(EventLines::helo).orElse("") + ">"
            + ", message_id=<" + stripBrackets(messageId(mail)) + ">"
            + ", flags=" + flags(mail, received);
    }

    public static String scanned(Mail mail, ScanResult result) {
        return "SCANNED, group=<" + result.group() + ">"
            + ", nrcpt=" + mail.getRecipients().size()
            + ", status=\"" + result.verdict().statuses().stream().sorted(Comparator.reverseOrder())
                .map(status -> status.configName()).collect(Collectors.joining(", ")) + "\""
            + ", srcid=" + sourceId(mail.getName())
            + ", names=\"" + String.join(", ", result.verdict().virusNames()) + "\"";
    }

    /**
     * A notification mail: {@code notify} from its {@code X-Smtpgw-Notification} header ({@code recipients} is written
     * {@code recipient}, as in the manual), {@code srcid} from {@code X-Smtpgw-Source-Id} when the notification
     * carries it, else {@code -}.
     */
    public static String notify(Mail mail) throws MessagingException {
        String kind = header(mail.getMessage(), NOTIFICATION_HEADER).orElse(UNKNOWN).toLowerCase(Locale.ROOT);
        if (kind.equals("recipients")) {
            kind = "recipient";
        }
        return "NOTIFY, notify=" + kind
            + ", nrcpt=" + mail.getRecipients().size()
            + ", size=" + mail.getMessageSize()
            + ", srcid=" + header(mail.getMessage(), SOURCE_ID_HEADER).orElse(UNKNOWN);
    }

    /** {@code domain} lists the distinct domains of the copy's recipients, comma-separated. */
    public static String splitted(Mail mail) {
        return "SPLITTED, domain=<" + domains(mail.getRecipients()) + ">"
            + ", nrcpt=" + mail.getRecipients().size()
            + ", srcid=" + sourceId(mail.getName());
    }

    public static String delivered(Mail mail, MailAddress recipient, String server, boolean sent)
        throws MessagingException {
        return "DELIVERED, rcpt=<" + recipient.asString() + ">"
            + ", server=" + server
            + ", size=" + mail.getMessageSize()
            + ", status=" + (sent ? "sent" : "failed");
    }

    public static String blocked(Mail mail, MailAddress recipient) throws MessagingException {
        return "BLOCKED, rcpt=" + recipient.asString() + ", size=" + mail.getMessageSize();
    }

    /** Whether this mail is a copy James made when a matcher split its recipients. */
    public static boolean isSplitCopy(Mail mail) {
        return mail.getName().contains(SPLIT_MARK);
    }

    /** The envelope id of the mail as received: the name without James' split suffixes. */
    public static String sourceId(String name) {
        int mark = name.indexOf(SPLIT_MARK);
        return mark > 0 ? name.substring(0, mark) : name;
    }

    static Optional<String> helo(String received) {
        Matcher matcher = HELO.matcher(received);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** {@code E}: the client used ESMTP (James writes {@code with ESMTP}, {@code ESMTPA}, {@code ESMTPS}...);
     * {@code D}: it asked for delivery status notifications (RET, ENVID or NOTIFY). */
    static String flags(Mail mail, Optional<String> received) {
        StringBuilder flags = new StringBuilder();
        received.map(WITH::matcher).filter(Matcher::find)
            .filter(with -> with.group(1).toUpperCase(Locale.ROOT).startsWith("ESMTP"))
            .ifPresent(with -> flags.append('E'));
        if (mail.dsnParameters().filter(EventLines::requestsDsn).isPresent()) {
            flags.append('D');
        }
        return flags.toString();
    }

    private static boolean requestsDsn(DsnParameters dsn) {
        return dsn.getEnvIdParameter().isPresent() || dsn.getRetParameter().isPresent()
            || dsn.getRcptParameters().values().stream().anyMatch(rcpt -> rcpt.getNotifyParameter().isPresent());
    }

    /** The Received header the receiving server (James) put on top. */
    private static Optional<String> topReceived(MimeMessage message) throws MessagingException {
        String[] values = message.getHeader("Received");
        return values == null || values.length == 0 ? Optional.empty()
            : Optional.of(values[0].replaceAll("\\s+", " "));
    }

    static String messageId(Mail mail) throws MessagingException {
        return header(mail.getMessage(), "Message-ID").orElse("");
    }

    private static Optional<String> header(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, null);
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }

    private static String stripBrackets(String id) {
        String value = id.trim();
        if (value.startsWith("<") && value.endsWith(">") && value.length() >= 2) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String domains(Collection<MailAddress> recipients) {
        return recipients.stream().map(address -> address.getDomain().asString()).distinct()
            .collect(Collectors.joining(","));
    }
}
