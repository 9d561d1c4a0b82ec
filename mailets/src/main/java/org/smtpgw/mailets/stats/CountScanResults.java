package org.smtpgw.mailets.stats;

import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.scanner.model.ScannedObject;

/**
 * Counts a scanned mail in the gateway statistics (manual A.5): {@code antiviral_checked_messages_total}, each of its
 * objects in {@code antiviral_checked_objects_total} and in the counter of its status (infected objects also in
 * {@code antiviral_infected_objects}; clean objects have no counter of their own), the objects the scanned-object
 * cache answered without the engine in {@code antiviral_checked_objects_through_ichecker}, and
 * {@code antiviral_checked_messages_modified} when {@code ActOnObjects} changed the message. A mail without a verdict
 * is not counted. The mail goes on unchanged.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.stats.CountScanResults"/>
 * }</pre>
 *
 * <p>Place it after {@code ActOnObjects} in each group processor. Each group's copy of a mail is scanned on its own,
 * so it counts as one checked message. Counting never stops a mail: a verdict attribute that cannot be read (set by
 * something else than {@code Scan}) is logged and the mail goes on uncounted.
 */
public class CountScanResults extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(CountScanResults.class);

    private final GatewayStatistics statistics;

    @Inject
    public CountScanResults(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<ScanResult> result;
        try {
            result = VerdictAttributes.read(mail);
        } catch (IllegalStateException e) {
            LOGGER.warn("{}: {} not counted: {}", getMailetName(), mail.getName(), e.getMessage());
            return;
        }
        if (result.isEmpty()) {
            return;
        }
        statistics.increment(Counter.CHECKED_MESSAGES_TOTAL);
        statistics.add(Counter.CHECKED_OBJECTS_THROUGH_ICHECKER, result.get().verdict().cachedObjects());
        for (ScannedObject object : result.get().verdict().objects()) {
            statistics.increment(Counter.CHECKED_OBJECTS_TOTAL);
            switch (object.status()) {
                case INFECTED -> {
                    statistics.increment(Counter.CHECKED_OBJECTS_INFECTED);
                    statistics.increment(Counter.INFECTED_OBJECTS);
                }
                case DISINFECTED -> statistics.increment(Counter.CHECKED_OBJECTS_DISINFECTED);
                case SUSPICIOUS -> statistics.increment(Counter.CHECKED_OBJECTS_SUSPICIOUS);
                case PROTECTED -> statistics.increment(Counter.CHECKED_OBJECTS_PROTECTED);
                case FILTERED -> statistics.increment(Counter.CHECKED_OBJECTS_FILTERED);
                case ERROR -> statistics.increment(Counter.CHECKED_OBJECTS_ERROR);
                case CLEAN -> {
                }
            }
        }
        if (VerdictAttributes.original(mail).isPresent()) {
            statistics.increment(Counter.CHECKED_MESSAGES_MODIFIED);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Counts the scan results of a mail in the gateway statistics";
    }
}
