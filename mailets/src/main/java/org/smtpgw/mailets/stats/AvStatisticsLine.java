package org.smtpgw.mailets.stats;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.scanner.ObjectStatus;

/**
 * One line of the {@code AVStatistics} output (manual A.12) for a scanned mail. The manual's copy lists the fields
 * but lost the line's layout; this is the reconstruction: the fields in the manual's order, separated by a TAB, an
 * optional field empty when unknown:
 *
 * <pre>
 * Time TAB Size TAB Sender TAB Recipients TAB Status TAB VirusList TAB IP TAB Message-id
 * 2026-11-28T14:03:03Z	2048	a@example.org	b@example.com,c@example.com	infected,clean	EICAR-Test-File	192.0.2.1	&lt;id@example.org&gt;
 * </pre>
 *
 * <ul>
 *   <li>Time: when the line was made, ISO 8601 in UTC, to the second (the line is for programs, not the locale).</li>
 *   <li>Size: the message size in bytes (the manual's "record size" can only sensibly be that).</li>
 *   <li>Sender: the envelope sender, {@code <>} for the null sender.</li>
 *   <li>Recipients: the envelope recipients, comma-separated; the manual allows only a few, so after
 *       {@code maxRecipients} the rest is given as {@code +N} (e.g. {@code a@x,b@y,+3}).</li>
 *   <li>Status: the message's statuses, most severe first, comma-separated.</li>
 *   <li>VirusList: the virus names, comma-separated (optional).</li>
 *   <li>IP: the address of the client that sent the message.</li>
 *   <li>Message-id: the Message-ID header as it is (optional).</li>
 * </ul>
 * TABs, line ends and other control characters in values become spaces, so a line is always one record of eight
 * fields.
 */
public final class AvStatisticsLine {
    public static final String SEPARATOR = "\t";

    private AvStatisticsLine() {
    }

    public static String of(Mail mail, ScanResult result, Instant time, int maxRecipients) throws MessagingException {
        List<String> fields = List.of(
            DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
            String.valueOf(mail.getMessageSize()),
            mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("<>"),
            recipients(mail, maxRecipients),
            result.verdict().statuses().stream().sorted(Comparator.reverseOrder()).map(ObjectStatus::configName)
                .collect(Collectors.joining(",")),
            String.join(",", result.verdict().virusNames()),
            Optional.ofNullable(mail.getRemoteAddr()).orElse(""),
            Optional.ofNullable(mail.getMessage().getHeader("Message-ID", null)).map(String::trim).orElse(""));
        return fields.stream().map(AvStatisticsLine::clean).collect(Collectors.joining(SEPARATOR));
    }

    private static String recipients(Mail mail, int max) {
        List<String> all = mail.getRecipients().stream().map(MailAddress::asString).toList();
        if (all.size() <= max) {
            return String.join(",", all);
        }
        return String.join(",", all.subList(0, max)) + ",+" + (all.size() - max);
    }

    private static String clean(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
