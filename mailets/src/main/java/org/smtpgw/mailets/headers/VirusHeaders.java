package org.smtpgw.mailets.headers;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.mailets.common.Messages;
import org.smtpgw.mailets.notify.Notifications;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

/**
 * Puts the scan result into the message headers: {@code X-Virus-Scanned} (product, version, engine and database,
 * host) and {@code X-Virus-Status} (the message's statuses and virus names). Such headers that arrived from outside
 * are removed first, so a sender cannot fake a clean verdict; a mail that was not scanned leaves without either.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.headers.VirusHeaders">
 *   <product>smtpgw</product>          <!-- default smtpgw -->
 *   <version>0.1.0</version>           <!-- default: the version of this jar -->
 *   <hostname>gw1.example.com</hostname> <!-- default: this host's name -->
 * </mailet>
 * }</pre>
 *
 * Example result:
 * <pre>
 * X-Virus-Scanned: smtpgw 0.1.0 (built-in 2026112801) on gw1.example.com
 * X-Virus-Status: infected, clean; names="EICAR-Test-File"
 * </pre>
 * The statuses are listed most severe first. Place it after {@code ActOnObjects}: the status describes what the scan
 * found, the objects list of a notification says what was done about it.
 */
public class VirusHeaders extends GenericMailet {
    public static final String PRODUCT = "product";
    public static final String VERSION = "version";
    public static final String HOSTNAME = "hostname";
    public static final String DEFAULT_PRODUCT = "smtpgw";
    public static final String SCANNED_HEADER = "X-Virus-Scanned";
    public static final String STATUS_HEADER = "X-Virus-Status";

    private String scannedPrefix;
    private String hostname;

    @Inject
    public VirusHeaders() {
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PRODUCT, VERSION, HOSTNAME));
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        String version = parameters.optional(VERSION).filter(v -> !v.isEmpty()).orElseGet(VirusHeaders::jarVersion);
        scannedPrefix = Notifications.sanitizeLine(parameters.string(PRODUCT, DEFAULT_PRODUCT) + " " + version);
        hostname = Notifications.sanitizeLine(parameters.optional(HOSTNAME).filter(v -> !v.isEmpty())
            .orElseGet(Notifications::localHostName));
    }

    private static String jarVersion() {
        return Optional.ofNullable(VirusHeaders.class.getPackage().getImplementationVersion()).orElse("0.1.0");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        message.removeHeader(SCANNED_HEADER);
        message.removeHeader(STATUS_HEADER);
        Optional<ScanResult> result = VerdictAttributes.read(mail);
        if (result.isPresent()) {
            message.setHeader(SCANNED_HEADER, scannedPrefix + " (" + Notifications.sanitizeLine(result.get().engine())
                + ") on " + hostname);
            message.setHeader(STATUS_HEADER, status(result.get()));
        }
        Messages.saveKeepingMessageId(message);
    }

    static String status(ScanResult result) {
        String statuses = result.verdict().statuses().stream()
            .sorted((a, b) -> b.compareTo(a))
            .map(ObjectStatus::configName)
            .collect(Collectors.joining(", "));
        if (statuses.isEmpty()) {
            statuses = ObjectStatus.CLEAN.configName();
        }
        if (result.verdict().virusNames().isEmpty()) {
            return statuses;
        }
        String names = result.verdict().virusNames().stream()
            .map(name -> Notifications.sanitizeLine(name).replace("\"", "'"))
            .collect(Collectors.joining(", "));
        return statuses + "; names=\"" + names + "\"";
    }

    @Override
    public String getMailetInfo() {
        return "Replaces X-Virus-Scanned and X-Virus-Status with this gateway's scan result";
    }
}
