package org.smtpgw.mailets.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.smtp.HandlerConfigurations.handler;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesPerSessionHookTest {
    // Stand-ins for the hooks James reports results of: its spooler (OK once spooled) and a refusing filter.
    private static final JamesMessageHook SPOOLER = (session, mail) -> HookResult.OK;
    private static final MessageHook FILTER = (session, envelope) -> HookResult.DENY;
    private static final MailHook SOME_MAIL_HOOK = new MailHook() {
        @Override
        public HookResult doMail(SMTPSession session, MaybeSender sender) {
            return HookResult.OK;
        }
    };

    private static MessagesPerSessionHook hookWith(String children) throws ConfigurationException {
        MessagesPerSessionHook hook = new MessagesPerSessionHook();
        hook.init(handler(MessagesPerSessionHook.class, children));
        return hook;
    }

    /** One transaction as James runs it: MAIL (refused or not), then, if allowed, the spooler's verdict. */
    private static HookResult deliver(MessagesPerSessionHook hook, SMTPSession session) {
        HookResult mail = hook.doMail(session, MaybeSender.nullSender());
        if (mail.equals(HookResult.DECLINED)) {
            hook.onHookResult(session, HookResult.OK, 1, SPOOLER);
            session.resetState();
        }
        return mail;
    }

    @Test
    void doMailShouldAcceptUpToTheLimit() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>3</maxMessages>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        assertThat(deliver(hook, session)).isEqualTo(HookResult.DECLINED);
        assertThat(deliver(hook, session)).isEqualTo(HookResult.DECLINED);
        assertThat(deliver(hook, session)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldRefuseWith452And453WhenLimitIsReached() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>2</maxMessages>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");
        deliver(hook, session);
        deliver(hook, session);

        HookResult third = hook.doMail(session, MaybeSender.nullSender());

        assertThat(third.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(third.getResult().isDisconnected()).isFalse();
        assertThat(third.getSmtpRetCode()).isEqualTo("452");
        assertThat(third.getSmtpDescription()).startsWith("4.5.3 ").contains("limit 2");
    }

    @Test
    void limitOfOneShouldAllowExactlyOneMessage() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>1</maxMessages>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        assertThat(deliver(hook, session)).isEqualTo(HookResult.DECLINED);
        assertThat(deliver(hook, session).getSmtpRetCode()).isEqualTo("452");
    }

    @Test
    void refusedMessagesShouldNotCount() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>1</maxMessages>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        hook.doMail(session, MaybeSender.nullSender());
        hook.onHookResult(session, HookResult.DENY, 1, FILTER);
        hook.onHookResult(session, HookResult.DECLINED, 1, SPOOLER);
        session.resetState();

        assertThat(hook.doMail(session, MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void okFromOtherHooksThanMessageHooksShouldNotCount() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>1</maxMessages>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        hook.onHookResult(session, HookResult.OK, 1, SOME_MAIL_HOOK);

        assertThat(hook.doMail(session, MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void okFromAProtocolMessageHookShouldCount() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>1</maxMessages>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        hook.onHookResult(session, HookResult.OK, 1, (MessageHook) (s, envelope) -> HookResult.OK);

        assertThat(hook.doMail(session, MaybeSender.nullSender()).getSmtpRetCode()).isEqualTo("452");
    }

    @Test
    void onHookResultShouldPassTheResultOnUnchanged() throws Exception {
        MessagesPerSessionHook hook = hookWith("");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");

        assertThat(hook.onHookResult(session, HookResult.OK, 1, SPOOLER)).isEqualTo(HookResult.OK);
        assertThat(hook.onHookResult(session, HookResult.DENY, 1, FILTER)).isEqualTo(HookResult.DENY);
    }

    @Test
    void rsetShouldNotResetTheCount() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>1</maxMessages>");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");
        deliver(hook, session);

        session.resetState();

        assertThat(hook.doMail(session, MaybeSender.nullSender()).getSmtpRetCode()).isEqualTo("452");
    }

    @Test
    void newConnectionShouldStartFromZero() throws Exception {
        MessagesPerSessionHook hook = hookWith("<maxMessages>1</maxMessages>");
        deliver(hook, TestSessions.fromClient("192.0.2.1"));

        assertThat(deliver(hook, TestSessions.fromClient("192.0.2.1"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void defaultLimitShouldBe100() throws Exception {
        MessagesPerSessionHook hook = hookWith("");
        SMTPSession session = TestSessions.fromClient("192.0.2.1");
        for (int i = 0; i < 100; i++) {
            assertThat(deliver(hook, session)).isEqualTo(HookResult.DECLINED);
        }

        assertThat(deliver(hook, session).getSmtpRetCode()).isEqualTo("452");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1000001"})
    void initShouldThrowWhenMaxMessagesIsOutOfRange(String value) {
        assertThatThrownBy(() -> hookWith("<maxMessages>" + value + "</maxMessages>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("MessagesPerSessionHook")
            .hasMessageContaining("<maxMessages>" + value + "</maxMessages> is out of range")
            .hasMessageContaining("from 1 to 1000000 (default 100)");
    }

    @Test
    void initShouldThrowWhenMaxMessagesIsNotAWholeNumber() {
        assertThatThrownBy(() -> hookWith("<maxMessages>many</maxMessages>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<maxMessages>many</maxMessages> is not a whole number");
    }

    @Test
    void initShouldThrowOnUnknownParameter() {
        assertThatThrownBy(() -> hookWith("<maxMessage>5</maxMessage>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown parameter(s) [maxMessage]");
    }
}
