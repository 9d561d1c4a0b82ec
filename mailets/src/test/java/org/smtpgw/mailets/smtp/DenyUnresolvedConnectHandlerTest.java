package org.smtpgw.mailets.smtp;

import org.smtpgw.mailets.av.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.smtp.HandlerConfigurations.handler;

import java.time.Duration;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenyUnresolvedConnectHandlerTest {
    private StubDnsService dns;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        dns = new StubDnsService().withPtr("192.0.2.10", "mail.example.com.");
        clock = new MutableClock();
    }

    private DenyUnresolvedConnectHandler handlerWith(String children) throws ConfigurationException {
        DenyUnresolvedConnectHandler handler = new DenyUnresolvedConnectHandler(dns, clock);
        handler.init(handler(DenyUnresolvedConnectHandler.class, children));
        return handler;
    }

    @Test
    void doHeloShouldDeclineWhenClientHasReverseName() throws Exception {
        assertThat(handlerWith("").doHelo(TestSessions.fromClient("192.0.2.10"), "mail.example.com"))
            .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doHeloShouldRefuseWith554AndDisconnectWhenClientHasNoReverseName() throws Exception {
        HookResult result = handlerWith("").doHelo(TestSessions.fromClient("192.0.2.99"), "unknown");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENY));
        assertThat(result.getResult().isDisconnected()).isTrue();
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1 ").contains("192.0.2.99");
    }

    @Test
    void doMailShouldRefuseUnresolvedClientThatSkippedHelo() throws Exception {
        HookResult result = handlerWith("").doMail(TestSessions.fromClient("192.0.2.99"), MaybeSender.nullSender());

        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getResult().isDisconnected()).isTrue();
    }

    @Test
    void doHeloShouldRefuseWhenServiceReturnsAnotherAddressLiteral() throws Exception {
        dns.withPtr("192.0.2.20", "192.0.2.20.");

        assertThat(handlerWith("").doHelo(TestSessions.fromClient("192.0.2.20"), "x").getSmtpRetCode()).isEqualTo("554");
    }

    @Test
    void doHeloShouldRefuseWhenServiceReturnsEmptyName() throws Exception {
        dns.withPtr("192.0.2.21", "");

        assertThat(handlerWith("").doHelo(TestSessions.fromClient("192.0.2.21"), "x").getSmtpRetCode()).isEqualTo("554");
    }

    @Test
    void doHeloShouldNotCrashOnIpv6Client() throws Exception {
        assertThat(handlerWith("").doHelo(TestSessions.fromClient("2001:db8::1"), "x").getSmtpRetCode()).isEqualTo("554");
    }

    @Test
    void doMailShouldNotLookUpAgainAfterSuccessfulHelo() throws Exception {
        DenyUnresolvedConnectHandler handler = handlerWith("");
        SMTPSession session = TestSessions.fromClient("192.0.2.10");

        handler.doHelo(session, "mail.example.com");
        session.resetState();
        HookResult mail = handler.doMail(session, MaybeSender.nullSender());

        assertThat(mail).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions).containsExactly("PTR 192.0.2.10");
    }

    @Test
    void unresolvedClientShouldBeRefusedFromCacheWithinCacheSeconds() throws Exception {
        DenyUnresolvedConnectHandler handler = handlerWith("<cacheSeconds>60</cacheSeconds>");
        handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");
        dns.withPtr("192.0.2.99", "fixed.example.com");

        clock.advance(Duration.ofSeconds(59));
        HookResult result = handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");

        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(dns.questions).containsExactly("PTR 192.0.2.99");
    }

    @Test
    void unresolvedClientShouldBeLookedUpAgainAfterCacheSeconds() throws Exception {
        DenyUnresolvedConnectHandler handler = handlerWith("<cacheSeconds>60</cacheSeconds>");
        handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");
        dns.withPtr("192.0.2.99", "fixed.example.com");

        clock.advance(Duration.ofSeconds(60));
        HookResult result = handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions).containsExactly("PTR 192.0.2.99", "PTR 192.0.2.99");
    }

    @Test
    void zeroCacheSecondsShouldLookUpEveryConnection() throws Exception {
        DenyUnresolvedConnectHandler handler = handlerWith("<cacheSeconds>0</cacheSeconds>");

        handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");
        handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");

        assertThat(dns.questions).containsExactly("PTR 192.0.2.99", "PTR 192.0.2.99");
    }

    @Test
    void defaultCacheShouldLast1200Seconds() throws Exception {
        DenyUnresolvedConnectHandler handler = handlerWith("");
        handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");

        clock.advance(Duration.ofSeconds(1199));
        handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");
        clock.advance(Duration.ofSeconds(1));
        handler.doHelo(TestSessions.fromClient("192.0.2.99"), "x");

        assertThat(dns.questions).containsExactly("PTR 192.0.2.99", "PTR 192.0.2.99");
    }

    @Test
    void initShouldAcceptUpperBound() {
        DenyUnresolvedConnectHandler handler = new DenyUnresolvedConnectHandler(dns, clock);

        org.assertj.core.api.Assertions.assertThatCode(() ->
                handler.init(handler(DenyUnresolvedConnectHandler.class, "<cacheSeconds>604800</cacheSeconds>")))
            .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "604801"})
    void initShouldThrowWhenCacheSecondsIsOutOfRange(String value) {
        assertThatThrownBy(() -> handlerWith("<cacheSeconds>" + value + "</cacheSeconds>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("DenyUnresolvedConnectHandler")
            .hasMessageContaining("<cacheSeconds>" + value + "</cacheSeconds> is out of range")
            .hasMessageContaining("from 0 to 604800");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten", "1.5", "20m"})
    void initShouldThrowWhenCacheSecondsIsNotAWholeNumber(String value) {
        assertThatThrownBy(() -> handlerWith("<cacheSeconds>" + value + "</cacheSeconds>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<cacheSeconds>" + value + "</cacheSeconds> is not a whole number");
    }

    @Test
    void initShouldThrowOnUnknownParameter() {
        assertThatThrownBy(() -> handlerWith("<cacheSecond>60</cacheSecond>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown parameter(s) [cacheSecond]")
            .hasMessageContaining("[cacheSeconds]");
    }
}
