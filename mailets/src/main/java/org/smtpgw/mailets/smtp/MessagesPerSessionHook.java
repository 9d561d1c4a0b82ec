package org.smtpgw.mailets.smtp;

import java.util.Set;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * Limits the number of messages one SMTP connection may deliver (the manual's
 * {@code MaximalIncomingMessagesPerSession}).
 *
 * <p>Counts the messages accepted in the connection (those that got 250 at the end of DATA; refused or reset
 * transactions do not count). RSET does not reset the count, a new connection does. Once {@code maxMessages}
 * messages were accepted, each further MAIL FROM is answered {@code 452 4.5.3} (a temporary refusal: the client
 * keeps the message and sends it in a new connection). The connection stays open, so the client can QUIT
 * cleanly.
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.MessagesPerSessionHook">
 *   <maxMessages>100</maxMessages>
 * </handler>
 * }</pre>
 *
 * <p>{@code maxMessages}: optional, a whole number from 1 to 1000000, default 100.
 *
 * <p>Statistics (manual A.5): each refused MAIL FROM adds one to
 * {@code mta_receivings_refused_for_messages_per_session_limit} and {@code mta_receivings_refused_total}.
 */
public class MessagesPerSessionHook implements MailHook, HookResultHook {
    public static final String MAX_MESSAGES_PARAMETER = "maxMessages";
    public static final int DEFAULT_MAX_MESSAGES = 100;
    static final int MAX_MAX_MESSAGES = 1_000_000;

    static final String REFUSED_CODE = "452";

    private static final ProtocolSession.AttachmentKey<Integer> ACCEPTED =
        ProtocolSession.AttachmentKey.of("smtpgw.messagesPerSession.accepted", Integer.class);

    private final GatewayStatistics statistics;
    private volatile int maxMessages = DEFAULT_MAX_MESSAGES;

    /** Counts into statistics of its own, which nothing reads: for use without Guice. */
    public MessagesPerSessionHook() {
        this(new GatewayStatistics());
    }

    @Inject
    public MessagesPerSessionHook(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters parameters = HandlerParameters.of("MessagesPerSessionHook", config, Set.of(MAX_MESSAGES_PARAMETER));
        maxMessages = parameters.intInRange(MAX_MESSAGES_PARAMETER, DEFAULT_MAX_MESSAGES, 1, MAX_MAX_MESSAGES);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        int accepted = accepted(session);
        if (accepted >= maxMessages) {
            statistics.increment(Counter.RECEIVINGS_REFUSED_FOR_MESSAGES_PER_SESSION_LIMIT);
            statistics.increment(Counter.RECEIVINGS_REFUSED_TOTAL);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(REFUSED_CODE)
                .smtpDescription("4.5.3 Too many messages in this session (limit " + maxMessages
                    + "); send the rest in a new connection")
                .build();
        }
        return HookResult.DECLINED;
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        if (AcceptedMessages.isAcceptance(result, hook)) {
            session.setAttachment(ACCEPTED, accepted(session) + 1, ProtocolSession.State.Connection);
        }
        return result;
    }

    private static int accepted(SMTPSession session) {
        return session.getAttachment(ACCEPTED, ProtocolSession.State.Connection).orElse(0);
    }
}
