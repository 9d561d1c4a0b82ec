package org.smtpgw.mailets.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.smtp.HandlerConfigurations.handler;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.MailEnvelopeImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionSizeHookTest {
    private static final JamesMessageHook SPOOLER = (session, mail) -> HookResult.OK;
    private static final MessageHook FILTER = (session, envelope) -> HookResult.DENY;

    private static SessionSizeHook hookWith(String children) throws ConfigurationException {
        SessionSizeHook hook = new SessionSizeHook();
        hook.init(handler(SessionSizeHook.class, children));
        return hook;
    }

    private static MailEnvelopeImpl message(int bytes) throws IOException {
        MailEnvelopeImpl envelope = new MailEnvelopeImpl();
        try (OutputStream out = envelope.getMessageOutputStream()) {
            out.write(new byte[bytes]);
        }
        return envelope;
    }

    /** End of DATA as James runs it: this hook, then (if it declined) the spooler accepts the message. */
    private static HookResult deliver(SessionSizeHook hook, SMTPSession session, int bytes) throws IOException {
        HookResult result = hook.onMessage(session, message(bytes));
        hook.onHookResult(session, result, 1, hook);
        if (result.equals(HookResult.DECLINED)) {
            hook.onHookResult(session, HookResult.OK, 1, SPOOLER);
        }
        session.resetState();
        return result;
    }

    @Test
    void onMessageShouldAcceptMessagesUpToExactlyTheLimit() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        assertThat(deliver(hook, session, 600)).isEqualTo(HookResult.DECLINED);
        assertThat(deliver(hook, session, 400)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldRefuseWith552And534TheMessageThatCrossesTheLimit() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");
        deliver(hook, session, 600);

        HookResult result = deliver(hook, session, 401);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getResult().isDisconnected()).isFalse();
        assertThat(result.getSmtpRetCode()).isEqualTo("552");
        assertThat(result.getSmtpDescription()).startsWith("5.3.4 ").contains("401").contains("600").contains("1000");
    }

    @Test
    void aSmallerMessageShouldStillFitAfterARefusedOne() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");
        deliver(hook, session, 600);
        deliver(hook, session, 500);

        assertThat(deliver(hook, session, 400)).isEqualTo(HookResult.DECLINED);
        assertThat(deliver(hook, session, 1).getSmtpRetCode()).isEqualTo("552");
    }

    @Test
    void aSingleMessageLargerThanTheLimitShouldBeRefused() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");

        assertThat(deliver(hook, TestSessions.fromClient("192.0.2.1"), 1001).getSmtpRetCode()).isEqualTo("552");
    }

    @Test
    void messagesRefusedByLaterHooksShouldNotCount() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        hook.onMessage(session, message(900));
        hook.onHookResult(session, HookResult.DENY, 1, FILTER);
        session.resetState();

        assertThat(deliver(hook, session, 1000)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void sizeOfARefusedMessageShouldNotBeCountedByALaterAcceptance() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");
        hook.onMessage(session, message(900));
        hook.onHookResult(session, HookResult.DENY, 1, FILTER);
        session.resetState();

        // a message accepted by a hook listed before this one, so this hook never saw it
        hook.onHookResult(session, HookResult.OK, 1, SPOOLER);
        session.resetState();

        assertThat(deliver(hook, session, 1000)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void rsetShouldNotResetTheTotal() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");
        deliver(hook, session, 1000);

        session.resetState();

        assertThat(deliver(hook, session, 1).getSmtpRetCode()).isEqualTo("552");
    }

    @Test
    void newConnectionShouldStartFromZero() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>1000</maxBytes>");
        deliver(hook, TestSessions.fromClient("192.0.2.1"), 1000);

        assertThat(deliver(hook, TestSessions.fromClient("192.0.2.1"), 1000)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void defaultLimitShouldBeTenMebibytes() throws Exception {
        SessionSizeHook hook = hookWith("");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        assertThat(deliver(hook, session, 10 * 1024 * 1024)).isEqualTo(HookResult.DECLINED);
        assertThat(deliver(hook, session, 1).getSmtpRetCode()).isEqualTo("552");
    }

    @Test
    void initShouldAcceptLimitsBeyondTwoGigabytes() throws Exception {
        SessionSizeHook hook = hookWith("<maxBytes>3000000000</maxBytes>");

        assertThat(deliver(hook, TestSessions.fromClient("192.0.2.1"), 1)).isEqualTo(HookResult.DECLINED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1099511627777"})
    void initShouldThrowWhenMaxBytesIsOutOfRange(String value) {
        assertThatThrownBy(() -> hookWith("<maxBytes>" + value + "</maxBytes>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("SessionSizeHook")
            .hasMessageContaining("<maxBytes>" + value + "</maxBytes> is out of range")
            .hasMessageContaining("from 1 to 1099511627776 (default 10485760)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10M", "10 MB", "1e6"})
    void initShouldThrowWhenMaxBytesIsNotAWholeNumber(String value) {
        assertThatThrownBy(() -> hookWith("<maxBytes>" + value + "</maxBytes>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<maxBytes>" + value + "</maxBytes> is not a whole number");
    }

    @Test
    void initShouldThrowOnUnknownParameter() {
        assertThatThrownBy(() -> hookWith("<maxSize>5</maxSize>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown parameter(s) [maxSize]");
    }
}
