package org.smtpgw.mailets.smtp.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessRuleTest {

    @Test
    void parseShouldReadVerdictAddressAndDomain() throws Exception {
        AccessRule rule = AccessRule.parse("deny from 10.0.0.0/8 to *.example.com");

        assertThat(rule.verdict()).isEqualTo(AccessRule.Verdict.DENY);
        assertThat(rule.clients()).hasToString("10.0.0.0/8");
        assertThat(rule.domains()).hasToString("*.example.com");
        assertThat(rule).hasToString("deny from 10.0.0.0/8 to *.example.com");
    }

    @Test
    void appliesToShouldNeedBothAddressAndDomain() throws Exception {
        AccessRule rule = AccessRule.parse("allow from 10.0.0.0/8 to example.com");

        assertThat(rule.appliesTo(InetAddress.getByName("10.1.1.1"), "example.com")).isTrue();
        assertThat(rule.appliesTo(InetAddress.getByName("10.1.1.1"), "example.org")).isFalse();
        assertThat(rule.appliesTo(InetAddress.getByName("11.1.1.1"), "example.com")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"allow from 10.0.0.1", "allow from 10.0.0.1 to", "allow from 10.0.0.1 to a.com b.com",
        "from 10.0.0.1 to a.com", "allow to 10.0.0.1 from a.com"})
    void parseShouldRejectWrongShape(String text) {
        assertThatThrownBy(() -> AccessRule.parse(text))
            .isInstanceOf(InvalidRuleException.class)
            .hasMessageContaining("'" + text + "'")
            .hasMessageContaining(AccessRule.SYNTAX);
    }

    @Test
    void parseShouldRejectNull() {
        assertThatThrownBy(() -> AccessRule.parse(null))
            .isInstanceOf(InvalidRuleException.class)
            .hasMessageContaining(AccessRule.SYNTAX);
    }

    @Test
    void firstApplicableRuleShouldDecide() throws Exception {
        AccessRules rules = new AccessRules(List.of(
            AccessRule.parse("deny from 10.0.0.13 to any"),
            AccessRule.parse("allow from 10.0.0.0/24 to any")));

        assertThat(rules.allows(InetAddress.getByName("10.0.0.13"), "example.com")).isFalse();
        assertThat(rules.allows(InetAddress.getByName("10.0.0.14"), "example.com")).isTrue();
        assertThat(rules.decidingRule(InetAddress.getByName("10.0.0.14"), "example.com"))
            .map(Object::toString).contains("allow from 10.0.0.0/24 to any");
    }

    @Test
    void noApplicableRuleShouldDeny() throws Exception {
        AccessRules rules = new AccessRules(List.of(AccessRule.parse("allow from 10.0.0.0/24 to any")));

        assertThat(rules.allows(InetAddress.getByName("10.0.1.1"), "example.com")).isFalse();
        assertThat(rules.decidingRule(InetAddress.getByName("10.0.1.1"), "example.com")).isEmpty();
    }
}
