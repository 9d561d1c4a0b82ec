package org.smtpgw.mailets.smtp;

import org.smtpgw.mailets.av.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.smtp.HandlerConfigurations.handler;

import java.time.Duration;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenyUnresolvedMailFromHookTest {
    private StubDnsService dns;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        dns = new StubDnsService()
            .withMx("with-mx.example", "mx.with-mx.example")
            .withA("a-only.example", "192.0.2.1");
        clock = new MutableClock();
    }

    private DenyUnresolvedMailFromHook hookWith(String children) throws ConfigurationException {
        DenyUnresolvedMailFromHook hook = new DenyUnresolvedMailFromHook(dns, clock);
        hook.init(handler(DenyUnresolvedMailFromHook.class, children));
        return hook;
    }

    private static HookResult mail(DenyUnresolvedMailFromHook hook, String sender) throws Exception {
        return hook.doMail(TestSessions.fromClient("192.0.2.50"), MaybeSender.getMailSender(sender));
    }

    @Test
    void doMailShouldDeclineWhenSenderDomainHasMx() throws Exception {
        assertThat(mail(hookWith(""), "user@with-mx.example")).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions).containsExactly("MX with-mx.example");
    }

    @Test
    void doMailShouldDeclineWhenSenderDomainHasOnlyARecord() throws Exception {
        assertThat(mail(hookWith(""), "user@a-only.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void doMailShouldDeclineNullSenderWithoutLookup() throws Exception {
        assertThat(hookWith("").doMail(TestSessions.fromClient("192.0.2.50"), MaybeSender.nullSender()))
            .isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions).isEmpty();
    }

    @Test
    void doMailShouldDeclineAddressLiteralWithoutLookup() throws Exception {
        assertThat(mail(hookWith(""), "user@[192.0.2.1]")).isEqualTo(HookResult.DECLINED);
        assertThat(dns.questions).isEmpty();
    }

    @Test
    void doMailShouldRefuseWith550And518WhenDomainHasNeitherMxNorA() throws Exception {
        HookResult result = mail(hookWith(""), "user@nowhere.example");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.1.8 ")
            .contains("<user@nowhere.example>")
            .contains("nowhere.example has no MX or A record");
    }

    @Test
    void doMailShouldRefuseTemporarilyWhenDnsDoesNotAnswer() throws Exception {
        dns.withTemporaryFailure("slow.example");

        HookResult result = mail(hookWith(""), "user@slow.example");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).startsWith("4.4.3 ").contains("slow.example");
    }

    @Test
    void temporaryFailureShouldNotBeCached() throws Exception {
        DenyUnresolvedMailFromHook hook = hookWith("");
        dns.withTemporaryFailure("slow.example");

        mail(hook, "user@slow.example");
        mail(hook, "user@slow.example");

        assertThat(dns.questions).containsExactly("MX slow.example", "MX slow.example");
    }

    @Test
    void unresolvedDomainShouldBeRefusedFromCacheWithinCacheSeconds() throws Exception {
        DenyUnresolvedMailFromHook hook = hookWith("<cacheSeconds>120</cacheSeconds>");
        mail(hook, "user@nowhere.example");
        dns.withA("nowhere.example", "192.0.2.2");

        clock.advance(Duration.ofSeconds(119));
        HookResult result = mail(hook, "other@NOWHERE.example");

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(dns.questions).containsExactly("MX nowhere.example", "A nowhere.example");
    }

    @Test
    void unresolvedDomainShouldBeLookedUpAgainAfterCacheSeconds() throws Exception {
        DenyUnresolvedMailFromHook hook = hookWith("<cacheSeconds>120</cacheSeconds>");
        mail(hook, "user@nowhere.example");
        dns.withA("nowhere.example", "192.0.2.2");

        clock.advance(Duration.ofSeconds(120));

        assertThat(mail(hook, "user@nowhere.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void resolvedDomainShouldNotBeCachedByTheHook() throws Exception {
        DenyUnresolvedMailFromHook hook = hookWith("");

        mail(hook, "user@with-mx.example");
        mail(hook, "user@with-mx.example");

        assertThat(dns.questions).containsExactly("MX with-mx.example", "MX with-mx.example");
    }

    @Test
    void zeroCacheSecondsShouldLookUpEveryTime() throws Exception {
        DenyUnresolvedMailFromHook hook = hookWith("<cacheSeconds>0</cacheSeconds>");

        mail(hook, "user@nowhere.example");
        mail(hook, "user@nowhere.example");

        assertThat(dns.questions).containsExactly(
            "MX nowhere.example", "A nowhere.example", "MX nowhere.example", "A nowhere.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "604801"})
    void initShouldThrowWhenCacheSecondsIsOutOfRange(String value) {
        assertThatThrownBy(() -> hookWith("<cacheSeconds>" + value + "</cacheSeconds>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("DenyUnresolvedMailFromHook")
            .hasMessageContaining("<cacheSeconds>" + value + "</cacheSeconds> is out of range")
            .hasMessageContaining("from 0 to 604800 (default 1200)");
    }

    @Test
    void initShouldThrowWhenCacheSecondsIsNotAWholeNumber() {
        assertThatThrownBy(() -> hookWith("<cacheSeconds>1200s</cacheSeconds>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<cacheSeconds>1200s</cacheSeconds> is not a whole number");
    }

    @Test
    void initShouldThrowOnUnknownParameter() {
        assertThatThrownBy(() -> hookWith("<checkAuthNetworks>true</checkAuthNetworks>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown parameter(s) [checkAuthNetworks]");
    }
}
