package org.smtpgw.matchers.malformed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class MalformedRulesTest {
    @Test
    void allShouldTakeEveryRuleWithTheDefaultNestingLimit() {
        MalformedRules rules = MalformedRules.parse("all");

        assertThat(rules.rules()).containsExactlyInAnyOrder(MalformedRule.values());
        assertThat(rules.maxDepth()).isEqualTo(MalformedRules.DEFAULT_MAX_DEPTH);
    }

    @Test
    void listShouldTakeTheNamedRulesInAnyCase() {
        assertThat(MalformedRules.parse(" Header-Syntax , nul").rules())
            .isEqualTo(EnumSet.of(MalformedRule.HEADER_SYNTAX, MalformedRule.NUL));
    }

    @Test
    void nestingWithALimitShouldSetTheLimit() {
        MalformedRules rules = MalformedRules.parse("all,nesting:50");

        assertThat(rules.maxDepth()).isEqualTo(50);
        assertThat(rules.checks(MalformedRule.NESTING)).isTrue();
    }

    @Test
    void unknownRuleShouldBeRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> MalformedRules.parse("nul,bare-lf"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'bare-lf' is not a rule")
            .hasMessageContaining("line-endings, nul, line-length");
    }

    @Test
    void badNestingLimitShouldBeRefused() {
        assertThatThrownBy(() -> MalformedRules.parse("nesting:0")).hasMessageContaining("1..1000");
        assertThatThrownBy(() -> MalformedRules.parse("nesting:deep")).hasMessageContaining("not a whole number");
    }

    @Test
    void emptyConditionShouldBeRefused() {
        assertThatThrownBy(() -> MalformedRules.parse(" ")).hasMessageContaining("expected all or");
    }
}
