package org.smtpgw.mailets.notify;

import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.mailets.eventlog.EventLines;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.matchers.verdict.Statuses;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

/**
 * Tells the administrator, the sender or the recipients about a scanned mail that has an object of one of the given
 * statuses ({@code NotifyAdmin}, {@code NotifySender}, {@code NotifyRecipient}). The mail itself goes on unchanged.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.notify.Notify">
 *   <to>admin</to>                             <!-- admin | sender | recipients; required -->
 *   <statuses>infected,suspicious</statuses>   <!-- STATUSES, or all; empty = never; required -->
 *   <from>smtpgw@example.com</from>            <!-- envelope and From: of the notification; default the postmaster -->
 *   <adminAddress>av-admin@example.com</adminAddress> <!-- required with to=admin -->
 *   <template>/etc/smtpgw/templates/admin.txt</template> <!-- default classpath:templates/notify-admin.txt etc. -->
 *   <attachOriginal>true</attachOriginal>      <!-- attach the unchanged original; default false -->
 *   <processor>transport</processor>           <!-- where notifications are sent; default transport -->
 *   <hostname>gw1.example.com</hostname>       <!-- ${hostname}; default this host's name -->
 * </mailet>
 * }</pre>
 *
 * <h2>Which message</h2>
 * The notification is a text/plain message made from the template ({@link Template} lists the macros); with
 * {@code attachOriginal} it is a multipart/mixed message with the original attached as message/rfc822: the message as
 * received, before {@code ActOnObjects} changed it. It goes straight to {@code processor} (by default
 * {@code transport}), so it is not scanned again and an attached infected original reaches the administrator intact.
 *
 * <p>With {@code to=recipients} each recipient gets a notification of their own (a shared one would show every
 * recipient, Bcc ones included, to all the others); {@code ${recipients}} is then that recipient.
 *
 * <h2>No loops</h2>
 * Nothing is sent to the null sender {@code <>}. No notification at all is sent about a mail that is itself a
 * notification of a gateway ({@code X-Smtpgw-Notification}), that declares itself automatic ({@code Auto-Submitted}
 * other than {@code no}), or that is a delivery status notification (null sender and multipart/report); every
 * notification carries {@code Auto-Submitted: auto-generated}, so two gateways never notify each other's
 * notifications. Values taken from the message (subject, message id, ...) are sanitised: a CR or LF cannot add a
 * header or a line.
 *
 * <p>A mail that was not scanned (no verdict) is not notified about.
 */
public class Notify extends GenericMailet {
    public static final String TO = "to";
    public static final String STATUSES = "statuses";
    public static final String FROM = "from";
    public static final String ADMIN_ADDRESS = "adminAddress";
    public static final String TEMPLATE = "template";
    public static final String ATTACH_ORIGINAL = "attachOriginal";
    public static final String PROCESSOR = "processor";
    public static final String HOSTNAME = "hostname";

    public static final String TO_ADMIN = "admin";
    public static final String TO_SENDER = "sender";
    public static final String TO_RECIPIENTS = "recipients";
    public static final String DEFAULT_PROCESSOR = "transport";
    public static final Map<String, String> DEFAULT_TEMPLATES = Map.of(
        TO_ADMIN, "classpath:templates/notify-admin.txt",
        TO_SENDER, "classpath:templates/notify-sender.txt",
        TO_RECIPIENTS, "classpath:templates/notify-recipient.txt");

    private static final Logger LOGGER = LoggerFactory.getLogger(Notify.class);
    private static final Set<String> PARAMETERS = Set.of(TO, STATUSES, FROM, ADMIN_ADDRESS, TEMPLATE, ATTACH_ORIGINAL,
        PROCESSOR, HOSTNAME);

    record Config(String to, Set<ObjectStatus> statuses, Optional<MailAddress> from, Optional<MailAddress> adminAddress,
                  Template template, boolean attachOriginal, String processor, String hostname) {
    }

    private Config config;

    @Inject
    public Notify() {
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(PARAMETERS);
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        String to = parameters.oneOf(TO, null, Set.of(TO_ADMIN, TO_SENDER, TO_RECIPIENTS));
        Optional<MailAddress> admin = address(parameters, ADMIN_ADDRESS);
        if (to.equals(TO_ADMIN) && admin.isEmpty()) {
            throw parameters.error(ADMIN_ADDRESS, "is required with <to>admin</to>; expected a mail address");
        }
        String location = parameters.optional(TEMPLATE).filter(value -> !value.isEmpty())
            .orElse(DEFAULT_TEMPLATES.get(to));
        Template template;
        try {
            template = Template.load(location, Template.NOTIFICATION_MACROS);
        } catch (IllegalArgumentException e) {
            throw parameters.error(TEMPLATE, e.getMessage());
        }
        config = new Config(to, parameters.statuses(STATUSES, true), address(parameters, FROM), admin, template,
            parameters.bool(ATTACH_ORIGINAL, false), parameters.string(PROCESSOR, DEFAULT_PROCESSOR),
            parameters.optional(HOSTNAME).filter(value -> !value.isEmpty()).orElseGet(Notifications::localHostName));
        if (config.statuses().isEmpty()) {
            LOGGER.info("{}: <statuses> is empty, no notification will be sent", getMailetName());
        }
    }

    static Optional<MailAddress> address(MailetParameters parameters, String name) throws MailetException {
        Optional<String> value = parameters.optional(name).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailAddress(value.get()));
        } catch (javax.mail.internet.AddressException e) {
            throw parameters.error(name, "<" + name + ">" + value.get() + "</" + name + "> is not a mail address: "
                + e.getMessage());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<ScanResult> result = VerdictAttributes.read(mail);
        if (result.isEmpty() || !Statuses.anyOf(result.get().verdict().statuses(), config.statuses())) {
            return;
        }
        if (Notifications.isAutomatic(mail)) {
            LOGGER.info("{}: no {} notification about an automatic message (notification, auto-submitted or DSN)",
                mail.getName(), config.to());
            return;
        }
        List<MailAddress> recipients = recipients(mail);
        if (recipients.isEmpty()) {
            LOGGER.info("{}: no {} notification: the null sender is never notified", mail.getName(), config.to());
            return;
        }
        MailAddress from = config.from().orElse(getMailetContext().getPostmaster());
        Map<String, String> values = MacroValues.of(mail, result.get(), config.hostname());
        if (config.to().equals(TO_RECIPIENTS)) {
            // One notification each: a shared one would show every recipient (Bcc ones too) to all the others.
            for (MailAddress recipient : recipients) {
                Map<String, String> own = new java.util.LinkedHashMap<>(values);
                own.put("recipients", recipient.asString());
                send(mail, from, List.of(recipient), own);
            }
        } else {
            send(mail, from, recipients, values);
        }
    }

    private void send(Mail mail, MailAddress from, List<MailAddress> recipients, Map<String, String> values)
        throws MessagingException {
        String subject = config.template().hasSubject() ? config.template().subject(values)
            : "Anti-virus notification: " + values.get("statuses");
        MimeMessage notification = Notifications.newMessage(from, recipients, subject, config.template().body(values),
            config.to());
        if (config.attachOriginal()) {
            attachOriginal(notification, mail, config.template().body(values));
        }
        // The event log's NOTIFY line names the envelope id of the mail the notification is about.
        String sourceId = EventLines.sourceId(mail.getName());
        notification.setHeader(EventLines.SOURCE_ID_HEADER, sourceId);
        notification.saveChanges();
        getMailetContext().sendMail(from, recipients, notification, config.processor());
        LOGGER.info("{}: NOTIFY, notify={}, nrcpt={}, size={}, srcid={}", mail.getName(), config.to(),
            recipients.size(), org.smtpgw.mailets.scan.MessageBytes.of(notification).length, sourceId);
    }

    private List<MailAddress> recipients(Mail mail) {
        return switch (config.to()) {
            case TO_ADMIN -> List.of(config.adminAddress().orElseThrow());
            case TO_SENDER -> mail.getMaybeSender().asOptional().map(List::of).orElse(List.of());
            default -> List.copyOf(mail.getRecipients());
        };
    }

    private static void attachOriginal(MimeMessage notification, Mail mail, String body) throws MessagingException {
        MimeMessage original = VerdictAttributes.original(mail)
            .map(bytes -> parse(bytes))
            .orElse(null);
        if (original == null) {
            original = mail.getMessage();
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        MimeBodyPart attached = new MimeBodyPart();
        attached.setContent(original, "message/rfc822");
        attached.setDisposition("attachment");
        attached.setFileName("original.eml");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(attached);
        notification.setContent(mixed);
        notification.saveChanges();
    }

    private static MimeMessage parse(byte[] bytes) {
        try {
            return new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(bytes));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot parse the kept original message: " + e.getMessage(), e);
        }
    }

    Config config() {
        return config;
    }

    @Override
    public String getMailetInfo() {
        return "Notifies the administrator, the sender or the recipients about a scanned mail";
    }

    static Collection<String> parameters() {
        return PARAMETERS;
    }
}
