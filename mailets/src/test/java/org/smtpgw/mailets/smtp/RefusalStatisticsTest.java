package org.smtpgw.mailets.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpgw.mailets.smtp.HandlerConfigurations.handler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.MailEnvelopeImpl;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/** The refusal counters of the manual's A.5 that the SMTP hooks add to. */
class RefusalStatisticsTest {
    private static final JamesMessageHook SPOOLER = (session, mail) -> HookResult.OK;

    private final GatewayStatistics statistics = new GatewayStatistics();

    @Test
    void accessRulesHookCountsAConnectionRefusedForRelayingOnce() throws Exception {
        AccessRulesHook hook = new AccessRulesHook(statistics);
        hook.init(handler(AccessRulesHook.class, "<rule>allow from 127.0.0.1 to *</rule>"));
        SMTPSession refused = TestSessions.fromClient("192.0.2.1");
        SMTPSession allowed = TestSessions.fromClient("127.0.0.1");

        hook.doRcpt(refused, MaybeSender.nullSender(), new MailAddress("a@example.com"));
        hook.doRcpt(refused, MaybeSender.nullSender(), new MailAddress("b@example.com"));
        hook.doRcpt(allowed, MaybeSender.nullSender(), new MailAddress("a@example.com"));
        hook.doRcpt(TestSessions.fromClient("192.0.2.2"), MaybeSender.nullSender(), new MailAddress("a@example.com"));

        assertThat(statistics.get(Counter.INCOMING_CONNECTIONS_REFUSED_FOR_RELAYING)).isEqualTo(2);
        assertThat(statistics.get(Counter.INCOMING_CONNECTIONS_REFUSED_TOTAL)).isEqualTo(2);
    }

    @Test
    void sessionSizeHookCountsEachRefusedMessage() throws Exception {
        SessionSizeHook hook = new SessionSizeHook(statistics);
        hook.init(handler(SessionSizeHook.class, "<maxBytes>1000</maxBytes>"));
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        HookResult first = hook.onMessage(session, envelope(900));
        hook.onHookResult(session, HookResult.OK, 1, SPOOLER);
        session.resetState();
        HookResult second = hook.onMessage(session, envelope(200));
        HookResult third = hook.onMessage(session, envelope(150));

        assertThat(first).isEqualTo(HookResult.DECLINED);
        assertThat(second.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(third.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_FOR_SESSION_SIZE_LIMIT)).isEqualTo(2);
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_TOTAL)).isEqualTo(2);
    }

    @Test
    void hopLimitHookCountsRefusalsForTooManyHopsOnly() throws Exception {
        HopLimitHook hook = new HopLimitHook(statistics);
        hook.init(handler(HopLimitHook.class, "<maxHops>2</maxHops>"));

        hook.onMessage(TestSessions.fromClient("192.0.2.1"), mailWithReceivedHeaders(2));
        hook.onMessage(TestSessions.fromClient("192.0.2.1"), mailWithReceivedHeaders(3));

        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_FOR_HOPS_LIMIT)).isEqualTo(1);
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_TOTAL)).isEqualTo(1);
    }

    @Test
    void messagesPerSessionHookCountsEachRefusedMail() throws Exception {
        MessagesPerSessionHook hook = new MessagesPerSessionHook(statistics);
        hook.init(handler(MessagesPerSessionHook.class, "<maxMessages>1</maxMessages>"));
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        hook.doMail(session, MaybeSender.nullSender());
        hook.onHookResult(session, HookResult.OK, 1, SPOOLER);
        session.resetState();
        hook.doMail(session, MaybeSender.nullSender());
        hook.doMail(session, MaybeSender.nullSender());

        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_FOR_MESSAGES_PER_SESSION_LIMIT)).isEqualTo(2);
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_TOTAL)).isEqualTo(2);
    }

    @Test
    void messageSizeRefusalCounterCountsTheRefusalOfJamesSizeLimitAtTheEndOfData() throws Exception {
        MessageSizeRefusalCounter counter = counter();
        MailSizeEsmtpExtension sizeLimit = new MailSizeEsmtpExtension();
        SMTPSession session = TestSessions.fromClient("192.0.2.1", maxMessageSize(10));
        sizeLimit.onLine(session, "a line longer than ten bytes\r\n".getBytes(StandardCharsets.US_ASCII),
            (s, line) -> null);

        HookResult result = sizeLimit.onMessage(session, envelope(40));
        HookResult reported = counter.onHookResult(session, result, 1, sizeLimit);

        assertThat(result.getSmtpRetCode()).isEqualTo("552");
        assertThat(reported).isSameAs(result);
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT)).isEqualTo(1);
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_TOTAL)).isEqualTo(1);
    }

    @Test
    void messageSizeRefusalCounterDoesNotCountAcceptedMessagesNorOtherHooksRefusals() throws Exception {
        MessageSizeRefusalCounter counter = counter();
        MailSizeEsmtpExtension sizeLimit = new MailSizeEsmtpExtension();
        SMTPSession session = TestSessions.fromClient("192.0.2.1", maxMessageSize(1000));

        counter.onHookResult(session, sizeLimit.onMessage(session, envelope(40)), 1, sizeLimit);
        counter.onHookResult(session, HookResult.DENY, 1, new SessionSizeHook());

        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT)).isZero();
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_TOTAL)).isZero();
    }

    @Test
    void messageSizeRefusalCounterCountsA552ToMailFromWithTooLargeASize() throws Exception {
        MessageSizeRefusalCounter counter = counter();
        MailSizeEsmtpExtension sizeLimit = new MailSizeEsmtpExtension();
        SMTPSession session = TestSessions.fromClient("192.0.2.1", maxMessageSize(1000));
        HookResult sizeCheck = sizeLimit.doMailParameter(session, "SIZE", "5000");
        Response reply = new SMTPResponse(sizeCheck.getSmtpRetCode(), sizeCheck.getSmtpDescription());

        Response passedOn = counter.onResponse(session, reply, 1, handlerOf("MAIL"));
        counter.onResponse(session, new SMTPResponse("452", "4.5.3 Too many messages"), 1, handlerOf("MAIL"));
        counter.onResponse(session, new SMTPResponse("552", "5.3.4 Quota exceeded"), 1, handlerOf("RCPT"));

        assertThat(reply.getRetCode()).isEqualTo("552");
        assertThat(passedOn).isSameAs(reply);
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT)).isEqualTo(1);
        assertThat(statistics.get(Counter.RECEIVINGS_REFUSED_TOTAL)).isEqualTo(1);
    }

    private MessageSizeRefusalCounter counter() throws Exception {
        MessageSizeRefusalCounter counter = new MessageSizeRefusalCounter(statistics);
        counter.init(handler(MessageSizeRefusalCounter.class, ""));
        return counter;
    }

    private static SMTPConfigurationImpl maxMessageSize(long bytes) {
        return new SMTPConfigurationImpl() {
            @Override
            public long getMaxMessageSize() {
                return bytes;
            }
        };
    }

    /** A command handler of James' kind, for the commands given. */
    private static CommandHandler<SMTPSession> handlerOf(String command) {
        return new CommandHandler<>() {
            @Override
            public Response onCommand(SMTPSession session, Request request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Collection<String> getImplCommands() {
                return List.of(command);
            }
        };
    }

    private static MailEnvelopeImpl envelope(int bytes) throws IOException {
        MailEnvelopeImpl envelope = new MailEnvelopeImpl();
        try (OutputStream out = envelope.getMessageOutputStream()) {
            out.write(new byte[bytes]);
        }
        return envelope;
    }

    private static Mail mailWithReceivedHeaders(int count) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("hops").setText("body");
        for (int i = 0; i < count; i++) {
            message.addHeader("Received", "from host" + i + ".example by host" + (i + 1) + ".example; Thu, 1 Jan 2026 00:00:00 +0000");
        }
        return FakeMail.builder().name("mail").sender("sender@example.com").recipient("rcpt@example.org")
            .mimeMessage(message).build();
    }
}
