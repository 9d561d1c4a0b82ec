package org.smtpgw.mailets.smtp;

import java.util.Set;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * Counts the messages James' own size limit ({@code maxmessagesize} of {@code smtpserver.xml}, the manual's
 * {@code MaximalIncomingMessageSize}) refuses, in {@code mta_receivings_refused_for_message_size_limit} and
 * {@code mta_receivings_refused_total} (manual A.5). It refuses nothing itself and changes no reply.
 *
 * <p>James enforces the limit in its {@code MailSizeEsmtpExtension}, which counts nothing, at two places:
 * <ul>
 *   <li>at the end of DATA, when the message turned out larger: the extension's message hook answers
 *       {@code 552 5.3.4}. This handler sees that result as a {@link HookResultHook}, by the hook's class.</li>
 *   <li>at {@code MAIL FROM:<...> SIZE=n} when the announced size is larger: James answers {@code 552 5.3.4} before
 *       any hook runs, and hook results are not reported for MAIL parameters. This handler sees the reply as a
 *       {@link ProtocolHandlerResultHandler}: a {@code 552} to the MAIL command. No other handler of the gateway's
 *       chain answers MAIL with 552 (the messages-per-session limit answers 452, an unresolvable sender 550).</li>
 * </ul>
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.MessageSizeRefusalCounter"/>
 * }</pre>
 *
 * <p>It takes no parameters. Its place in the handler chain does not matter.
 */
public class MessageSizeRefusalCounter implements HookResultHook, ProtocolHandlerResultHandler<Response, SMTPSession> {
    static final String QUOTA_EXCEEDED_CODE = "552";
    private static final String MAIL_COMMAND = "MAIL";

    private final GatewayStatistics statistics;

    /** Counts into statistics of its own, which nothing reads: for use without Guice. */
    public MessageSizeRefusalCounter() {
        this(new GatewayStatistics());
    }

    @Inject
    public MessageSizeRefusalCounter(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters.of("MessageSizeRefusalCounter", config, Set.of());
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        if (hook instanceof MailSizeEsmtpExtension && result.getResult().getAction() == HookReturnCode.Action.DENY) {
            count();
        }
        return result;
    }

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime,
                               ProtocolHandler handler) {
        if (response != null && QUOTA_EXCEEDED_CODE.equals(response.getRetCode())
            && handler instanceof CommandHandler<?> command && command.getImplCommands().contains(MAIL_COMMAND)) {
            count();
        }
        return response;
    }

    private void count() {
        statistics.increment(Counter.RECEIVINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT);
        statistics.increment(Counter.RECEIVINGS_REFUSED_TOTAL);
    }
}
