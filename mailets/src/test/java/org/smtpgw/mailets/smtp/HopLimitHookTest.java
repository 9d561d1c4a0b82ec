package org.smtpgw.mailets.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.smtp.HandlerConfigurations.handler;

import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HopLimitHookTest {

    private static HopLimitHook hookWith(String children) throws ConfigurationException {
        HopLimitHook hook = new HopLimitHook();
        hook.init(handler(HopLimitHook.class, children));
        return hook;
    }

    private static Mail mailWithReceivedHeaders(int count) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder()
            .setSubject("hops")
            .setText("body");
        for (int i = 0; i < count; i++) {
            message.addHeader("Received", "from host" + i + ".example by host" + (i + 1) + ".example; Thu, 1 Jan 2026 00:00:00 +0000");
        }
        return FakeMail.builder()
            .name("mail")
            .sender("sender@example.com")
            .recipient("rcpt@example.org")
            .mimeMessage(message)
            .build();
    }

    private static HookResult onMessage(HopLimitHook hook, int receivedHeaders) throws Exception {
        return hook.onMessage(TestSessions.fromClient("192.0.2.1"), mailWithReceivedHeaders(receivedHeaders));
    }

    @Test
    void onMessageShouldAcceptExactlyMaxHopsReceivedHeaders() throws Exception {
        assertThat(onMessage(hookWith("<maxHops>5</maxHops>"), 5)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onMessageShouldRefuseWith554And546WhenReceivedHeadersExceedMaxHops() throws Exception {
        HookResult result = onMessage(hookWith("<maxHops>5</maxHops>"), 6);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription()).startsWith("5.4.6 Too many hops").contains("6").contains("5");
    }

    @Test
    void onMessageShouldAcceptMessageWithoutReceivedHeaders() throws Exception {
        assertThat(onMessage(hookWith("<maxHops>1</maxHops>"), 0)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void defaultMaxHopsShouldBe20() throws Exception {
        HopLimitHook hook = hookWith("");

        assertThat(onMessage(hook, 20)).isEqualTo(HookResult.DECLINED);
        assertThat(onMessage(hook, 21).getSmtpRetCode()).isEqualTo("554");
    }

    @Test
    void onMessageShouldRefuseTemporarilyWhenHeadersCannotBeRead() throws Exception {
        MimeMessage unreadable = new MimeMessage(Session.getDefaultInstance(new Properties())) {
            @Override
            public String[] getHeader(String name) throws MessagingException {
                throw new MessagingException("spool file vanished");
            }
        };
        Mail mail = FakeMail.builder().name("mail").sender("sender@example.com").recipient("rcpt@example.org")
            .mimeMessage(unreadable).build();

        HookResult result = hookWith("").onMessage(TestSessions.fromClient("192.0.2.1"), mail);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).startsWith("4.3.0 ").contains("spool file vanished");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001"})
    void initShouldThrowWhenMaxHopsIsOutOfRange(String value) {
        assertThatThrownBy(() -> hookWith("<maxHops>" + value + "</maxHops>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("HopLimitHook")
            .hasMessageContaining("<maxHops>" + value + "</maxHops> is out of range")
            .hasMessageContaining("from 1 to 1000 (default 20)");
    }

    @Test
    void initShouldAcceptBounds() throws Exception {
        assertThat(onMessage(hookWith("<maxHops>1</maxHops>"), 2).getSmtpRetCode()).isEqualTo("554");
        assertThat(onMessage(hookWith("<maxHops>1000</maxHops>"), 30)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void initShouldThrowWhenMaxHopsIsNotAWholeNumber() {
        assertThatThrownBy(() -> hookWith("<maxHops>twenty</maxHops>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<maxHops>twenty</maxHops> is not a whole number");
    }

    @Test
    void initShouldThrowOnUnknownParameter() {
        assertThatThrownBy(() -> hookWith("<maxhops>5</maxhops>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown parameter(s) [maxhops]")
            .hasMessageContaining("[maxHops]");
    }
}
