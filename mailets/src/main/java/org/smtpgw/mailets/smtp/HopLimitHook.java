package org.smtpgw.mailets.smtp;

import java.util.Set;

import javax.inject.Inject;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * Refuses messages that went through too many mail servers, which usually means a mail loop (the manual's
 * {@code MaximalIncomingHops}).
 *
 * <p>At the end of DATA it counts the {@code Received} header fields of the message; when there are more than
 * {@code maxHops}, the message is refused with {@code 554 5.4.6 Too many hops}. The count includes the Received
 * header this server itself prepends (James always adds one before the message hooks run), so with the default
 * of 20 a message is refused when it arrives already carrying 20 or more Received headers, the same rule as
 * Postfix' {@code hopcount_limit}.
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.HopLimitHook">
 *   <maxHops>20</maxHops>
 * </handler>
 * }</pre>
 *
 * <p>{@code maxHops}: optional, a whole number from 1 to 1000, default 20. A message whose headers cannot be
 * read is refused temporarily with {@code 451 4.3.0}.
 *
 * <p>Statistics (manual A.5): each message refused for too many hops adds one to
 * {@code mta_receivings_refused_for_hops_limit} and {@code mta_receivings_refused_total} (the temporary 451 does not
 * count).
 */
public class HopLimitHook implements JamesMessageHook {
    public static final String MAX_HOPS_PARAMETER = "maxHops";
    public static final int DEFAULT_MAX_HOPS = 20;
    static final int MAX_MAX_HOPS = 1000;

    static final String TOO_MANY_HOPS_CODE = "554";
    static final String UNREADABLE_CODE = "451";

    private final GatewayStatistics statistics;
    private volatile int maxHops = DEFAULT_MAX_HOPS;

    /** Counts into statistics of its own, which nothing reads: for use without Guice. */
    public HopLimitHook() {
        this(new GatewayStatistics());
    }

    @Inject
    public HopLimitHook(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters parameters = HandlerParameters.of("HopLimitHook", config, Set.of(MAX_HOPS_PARAMETER));
        maxHops = parameters.intInRange(MAX_HOPS_PARAMETER, DEFAULT_MAX_HOPS, 1, MAX_MAX_HOPS);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        int hops;
        try {
            String[] received = mail.getMessage().getHeader("Received");
            hops = received == null ? 0 : received.length;
        } catch (MessagingException e) {
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(UNREADABLE_CODE)
                .smtpDescription("4.3.0 Could not read the message headers to count hops: " + e.getMessage())
                .build();
        }
        if (hops > maxHops) {
            statistics.increment(Counter.RECEIVINGS_REFUSED_FOR_HOPS_LIMIT);
            statistics.increment(Counter.RECEIVINGS_REFUSED_TOTAL);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(TOO_MANY_HOPS_CODE)
                .smtpDescription("5.4.6 Too many hops: " + hops + " Received headers, more than the limit of "
                    + maxHops + " (mail loop?)")
                .build();
        }
        return HookResult.DECLINED;
    }
}
