package org.smtpgw.mailets.stats;

import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * Counts a mail, its size and its recipients in the gateway statistics (manual A.5): {@code mta_received_messages},
 * {@code mta_received_bytes}, {@code mta_received_recipients}, or the {@code mta_sent_*} ones. The mail goes on
 * unchanged.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.stats.CountMessages">
 *   <direction>received</direction>   <!-- received | sent; required -->
 * </mailet>
 * }</pre>
 *
 * <p>{@code received}: first in {@code root}, which sees every message accepted over SMTP once, before the groups
 * split it. {@code sent}: in the processor RemoteDelivery's {@code onSuccess} names, which sees a mail once it has
 * been delivered (to the recipients it still has).
 */
public class CountMessages extends GenericMailet {
    public static final String DIRECTION = "direction";
    public static final String RECEIVED = "received";
    public static final String SENT = "sent";

    private final GatewayStatistics statistics;
    private boolean received;

    @Inject
    public CountMessages(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(DIRECTION));
        received = new MailetParameters(getMailetConfig()).oneOf(DIRECTION, null, Set.of(RECEIVED, SENT))
            .equals(RECEIVED);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        long size = mail.getMessageSize();
        int recipients = mail.getRecipients().size();
        if (received) {
            statistics.increment(Counter.MTA_RECEIVED_MESSAGES);
            statistics.add(Counter.MTA_RECEIVED_BYTES, size);
            statistics.add(Counter.MTA_RECEIVED_RECIPIENTS, recipients);
        } else {
            statistics.increment(Counter.MTA_SENT_MESSAGES);
            statistics.add(Counter.MTA_SENT_BYTES, size);
            statistics.add(Counter.MTA_SENT_RECIPIENTS, recipients);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Counts received or sent mails, bytes and recipients in the gateway statistics";
    }
}
