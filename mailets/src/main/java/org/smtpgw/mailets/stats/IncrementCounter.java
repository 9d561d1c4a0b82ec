package org.smtpgw.mailets.stats;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * Adds one to a counter of the gateway statistics for each mail it sees; the matcher decides which mails count. The
 * mail goes on unchanged.
 *
 * <pre>{@code
 * <!-- blocked messages: in front of Block, with the same statuses -->
 * <mailet match="org.smtpgw.matchers.HasStatus=infected" class="org.smtpgw.mailets.stats.IncrementCounter">
 *   <counter>antiviral_checked_messages_blocked</counter>   <!-- a counter name of the manual's A.5; required -->
 * </mailet>
 * <!-- notifications: in transport -->
 * <mailet match="HasHeader=X-Smtpgw-Notification=admin" class="org.smtpgw.mailets.stats.IncrementCounter">
 *   <counter>antiviral_notifications_generated_for_admin</counter>
 * </mailet>
 * }</pre>
 */
public class IncrementCounter extends GenericMailet {
    public static final String COUNTER = "counter";

    private final GatewayStatistics statistics;
    private Counter counter;

    @Inject
    public IncrementCounter(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(COUNTER));
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        String allowed = Arrays.stream(Counter.values()).map(Counter::statName).collect(Collectors.joining(", "));
        String name = parameters.required(COUNTER, "one of " + allowed);
        counter = Counter.byStatName(name).orElseThrow(() -> parameters.error(COUNTER, "<" + COUNTER + ">" + name
            + "</" + COUNTER + "> is not a counter; expected one of " + allowed));
    }

    Counter counter() {
        return counter;
    }

    @Override
    public void service(Mail mail) {
        statistics.increment(counter);
    }

    @Override
    public String getMailetInfo() {
        return "Adds one to a gateway statistics counter";
    }
}
