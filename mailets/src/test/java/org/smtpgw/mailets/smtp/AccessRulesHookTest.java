package org.smtpgw.mailets.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.smtp.HandlerConfigurations.handler;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;

class AccessRulesHookTest {

    private static AccessRulesHook hook(String... rules) throws ConfigurationException {
        StringBuilder children = new StringBuilder();
        for (String rule : rules) {
            children.append("<rule>").append(rule).append("</rule>");
        }
        AccessRulesHook hook = new AccessRulesHook();
        hook.init(handler(AccessRulesHook.class, children.toString()));
        return hook;
    }

    private static HookResult rcpt(AccessRulesHook hook, String clientIp, String recipient) throws Exception {
        return hook.doRcpt(TestSessions.fromClient(clientIp), MaybeSender.getMailSender("sender@sender.org"),
            new MailAddress(recipient));
    }

    @Test
    void doRcptShouldReturnOkWhenTheFirstMatchingRuleAllows() throws Exception {
        AccessRulesHook hook = hook("allow from 127.0.0.1 to *");

        assertThat(rcpt(hook, "127.0.0.1", "user@example.com")).isEqualTo(HookResult.OK);
    }

    @Test
    void doRcptShouldDenyWith550AndEnhancedCodeWhenTheFirstMatchingRuleDenies() throws Exception {
        AccessRulesHook hook = hook("deny from 192.168.1.13 to any", "allow from 192.168.1.0/24 to any");

        HookResult result = rcpt(hook, "192.168.1.13", "user@example.com");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1 ")
            .contains("192.168.1.13")
            .contains("example.com");
    }

    @Test
    void doRcptShouldApplyOnlyTheFirstMatchingRule() throws Exception {
        AccessRulesHook hook = hook("allow from 192.168.1.0/24 to any", "deny from 192.168.1.13 to any");

        assertThat(rcpt(hook, "192.168.1.13", "user@example.com")).isEqualTo(HookResult.OK);
    }

    @Test
    void doRcptShouldSkipRulesWhoseDomainDoesNotMatch() throws Exception {
        AccessRulesHook hook = hook("deny from any to other.org", "allow from any to example.com");

        assertThat(rcpt(hook, "203.0.113.5", "user@example.com")).isEqualTo(HookResult.OK);
        assertThat(rcpt(hook, "203.0.113.5", "user@other.org").getResult()).isEqualTo(HookReturnCode.deny());
    }

    @Test
    void doRcptShouldDenyWhenNoRuleMatches() throws Exception {
        AccessRulesHook hook = hook("allow from 127.0.0.1 to *");

        HookResult result = rcpt(hook, "127.0.0.2", "user@example.com");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1 ").contains("127.0.0.2").contains("example.com");
    }

    @Test
    void doRcptShouldDenyEverythingWhenThereAreNoRules() throws Exception {
        AccessRulesHook hook = hook();

        assertThat(rcpt(hook, "127.0.0.1", "user@example.com").getSmtpRetCode()).isEqualTo("550");
    }

    @Test
    void doRcptShouldMatchNetmaskAndPrefixForms() throws Exception {
        AccessRulesHook hook = hook("allow from 10.0.0.0/255.0.0.0 to example.com", "allow from 172.16.0.0/12 to example.com");

        assertThat(rcpt(hook, "10.20.30.40", "user@example.com")).isEqualTo(HookResult.OK);
        assertThat(rcpt(hook, "172.31.255.255", "user@example.com")).isEqualTo(HookResult.OK);
        assertThat(rcpt(hook, "172.32.0.0", "user@example.com").getSmtpRetCode()).isEqualTo("550");
        assertThat(rcpt(hook, "11.0.0.1", "user@example.com").getSmtpRetCode()).isEqualTo("550");
    }

    @Test
    void doRcptShouldMatchDomainWildcardsCaseInsensitively() throws Exception {
        AccessRulesHook hook = hook("allow from any to *.Example.COM", "allow from any to domain?.org");

        assertThat(rcpt(hook, "203.0.113.5", "user@MAIL.example.com")).isEqualTo(HookResult.OK);
        assertThat(rcpt(hook, "203.0.113.5", "user@domain1.org")).isEqualTo(HookResult.OK);
        assertThat(rcpt(hook, "203.0.113.5", "user@example.com").getSmtpRetCode()).isEqualTo("550");
        assertThat(rcpt(hook, "203.0.113.5", "user@domain10.org").getSmtpRetCode()).isEqualTo("550");
    }

    @Test
    void doRcptShouldNotCrashOnIpv6ClientAndMatchItOnlyWithAny() throws Exception {
        AccessRulesHook onlyV4 = hook("allow from 0.0.0.0/0 to any");
        AccessRulesHook anyClient = hook("allow from any to any");

        assertThat(rcpt(onlyV4, "::1", "user@example.com").getSmtpRetCode()).isEqualTo("550");
        assertThat(rcpt(anyClient, "::1", "user@example.com")).isEqualTo(HookResult.OK);
    }

    @Test
    void initShouldAcceptKeywordsInAnyCaseAndExtraSpaces() throws Exception {
        AccessRulesHook hook = hook("  ALLOW   From 127.0.0.1\tTO  example.com ");

        assertThat(rcpt(hook, "127.0.0.1", "user@example.com")).isEqualTo(HookResult.OK);
    }

    @Test
    void initShouldKeepRulesInOrder() throws Exception {
        AccessRulesHook hook = hook("deny from 127.0.0.2 to any", "allow from any to *");

        assertThat(hook.rules().rules()).extracting(Object::toString)
            .containsExactly("deny from 127.0.0.2/32 to any", "allow from any to *");
    }

    @Test
    void initShouldThrowNamingRuleNumberAndSyntaxWhenRuleIsMalformed() {
        assertThatThrownBy(() -> hook("allow from 127.0.0.1 to *", "allow 127.0.0.1 to *"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<rule> number 2")
            .hasMessageContaining("'allow 127.0.0.1 to *'")
            .hasMessageContaining("allow|deny from ADDRESS_OR_MASK to DOMAIN_MASK");
    }

    @Test
    void initShouldThrowWhenVerdictIsUnknown() {
        assertThatThrownBy(() -> hook("permit from 127.0.0.1 to *"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("'permit' is neither allow nor deny");
    }

    @Test
    void initShouldThrowWhenKeywordsAreMisspelt() {
        assertThatThrownBy(() -> hook("allow frm 127.0.0.1 to *"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<rule> number 1");
        assertThatThrownBy(() -> hook("allow from 127.0.0.1 into *"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<rule> number 1");
    }

    @Test
    void initShouldThrowWhenRuleIsEmpty() {
        assertThatThrownBy(() -> hook(""))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<rule> number 1");
    }

    @Test
    void initShouldThrowNamingTheAddressWhenAddressMaskIsInvalid() {
        assertThatThrownBy(() -> hook("allow from 127.0.0.256 to *"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<rule> number 1")
            .hasMessageContaining("127.0.0.256")
            .hasMessageContaining("x.x.x.x/n");
        assertThatThrownBy(() -> hook("allow from 10.0.0.0/33 to *"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("prefix length 33");
        assertThatThrownBy(() -> hook("allow from 10.0.0.0/255.0.255.0 to *"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("not contiguous");
    }

    @Test
    void initShouldThrowNamingTheMaskWhenDomainMaskIsInvalid() {
        assertThatThrownBy(() -> hook("allow from any to user@example.com"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("'user@example.com'");
    }

    @Test
    void initShouldThrowOnUnknownParameter() {
        AccessRulesHook hook = new AccessRulesHook();

        assertThatThrownBy(() -> hook.init(handler(AccessRulesHook.class, "<rules>allow from any to *</rules>")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("unknown parameter(s) [rules]")
            .hasMessageContaining("[rule]");
    }
}
