package org.smtpgw.mailets.smtp;

import java.util.Set;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * Limits the total size of the messages one SMTP connection may deliver (the manual's
 * {@code MaximalIncomingSessionSize}).
 *
 * <p>At the end of DATA it adds the size of the message (as received, with the Received header this server
 * prepends) to the bytes already accepted in this connection. If the sum would exceed {@code maxBytes}, this
 * message is refused with {@code 552 5.3.4} and the connection stays open; the messages accepted before stay
 * accepted. A message that brings the total exactly to {@code maxBytes} is accepted. Only messages that got 250
 * count; RSET does not reset the total, a new connection does.
 *
 * <p>The size of one message is limited separately, by James' {@code maxmessagesize}.
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.SessionSizeHook">
 *   <maxBytes>10485760</maxBytes>
 * </handler>
 * }</pre>
 *
 * <p>{@code maxBytes}: optional, a whole number of bytes from 1 to 1099511627776 (1 TiB), default 10485760 (10 MiB).
 *
 * <p>Statistics (manual A.5): each refused message adds one to {@code mta_receivings_refused_for_session_size_limit}
 * and {@code mta_receivings_refused_total}.
 */
public class SessionSizeHook implements MessageHook, HookResultHook {
    public static final String MAX_BYTES_PARAMETER = "maxBytes";
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    static final long MAX_MAX_BYTES = 1024L * 1024 * 1024 * 1024;

    static final String REFUSED_CODE = "552";

    private static final ProtocolSession.AttachmentKey<Long> ACCEPTED_BYTES =
        ProtocolSession.AttachmentKey.of("smtpgw.sessionSize.acceptedBytes", Long.class);
    // Size of the message under decision, added to the total once James reports it accepted. Transaction state:
    // James reports the message hooks' results before it resets the transaction, and the reset (also RSET, a new
    // MAIL) drops the size of a message that was refused later in the chain.
    private static final ProtocolSession.AttachmentKey<Long> PENDING_BYTES =
        ProtocolSession.AttachmentKey.of("smtpgw.sessionSize.pendingBytes", Long.class);

    private final GatewayStatistics statistics;
    private volatile long maxBytes = DEFAULT_MAX_BYTES;

    /** Counts into statistics of its own, which nothing reads: for use without Guice. */
    public SessionSizeHook() {
        this(new GatewayStatistics());
    }

    @Inject
    public SessionSizeHook(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters parameters = HandlerParameters.of("SessionSizeHook", config, Set.of(MAX_BYTES_PARAMETER));
        maxBytes = parameters.longInRange(MAX_BYTES_PARAMETER, DEFAULT_MAX_BYTES, 1, MAX_MAX_BYTES);
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        long accepted = acceptedBytes(session);
        long size = mail.getSize();
        if (accepted + size > maxBytes) {
            session.removeAttachment(PENDING_BYTES, ProtocolSession.State.Transaction);
            statistics.increment(Counter.RECEIVINGS_REFUSED_FOR_SESSION_SIZE_LIMIT);
            statistics.increment(Counter.RECEIVINGS_REFUSED_TOTAL);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(REFUSED_CODE)
                .smtpDescription("5.3.4 Session size limit exceeded: this message (" + size + " bytes) and the "
                    + accepted + " bytes already accepted in this session exceed " + maxBytes + " bytes")
                .build();
        }
        session.setAttachment(PENDING_BYTES, size, ProtocolSession.State.Transaction);
        return HookResult.DECLINED;
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        if (AcceptedMessages.isAcceptance(result, hook)) {
            session.removeAttachment(PENDING_BYTES, ProtocolSession.State.Transaction)
                .ifPresent(pending -> session.setAttachment(ACCEPTED_BYTES, acceptedBytes(session) + pending,
                    ProtocolSession.State.Connection));
        }
        return result;
    }

    private static long acceptedBytes(SMTPSession session) {
        return session.getAttachment(ACCEPTED_BYTES, ProtocolSession.State.Connection).orElse(0L);
    }
}
