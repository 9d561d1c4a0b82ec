package org.smtpgw.matchers.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainMaskTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "example.com, example.com, true",
        "example.com, EXAMPLE.COM, true",
        "EXAMPLE.com, example.COM, true",
        "example.com, example.com., true",
        "example.com., example.com, true",
        "example.com, mail.example.com, false",
        "example.com, example.co, false",
        "example.com, example.comm, false",
        "*.example.com, mail.example.com, true",
        "*.example.com, a.b.example.com, true",
        "*.example.com, example.com, false",
        "*example.com, example.com, true",
        "*example.com, badexample.com, true",
        "*, anything.at.all, true",
        "exampl?.com, example.com, true",
        "exampl?.com, exampl.com, false",
        "exampl?.com, examplee.com, false",
        "domain?.com, domain1.com, true",
        // the dot of the mask is literal, not a regular-expression wildcard
        "example.com, exampleXcom, false",
        "any, whatever.org, true",
        "ANY, whatever.org, true",
    })
    void matchesShouldFollowWildcardRules(String mask, String domain, boolean expected) throws Exception {
        assertThat(DomainMask.parse(mask).matches(domain)).isEqualTo(expected);
    }

    @Test
    void anyShouldBeRecognisedAsCatchAll() throws Exception {
        assertThat(DomainMask.parse(" any ").isAny()).isTrue();
        assertThat(DomainMask.parse("*").isAny()).isFalse();
    }

    @Test
    void toStringShouldGiveNormalisedMask() throws Exception {
        assertThat(DomainMask.parse(" Example.COM. ")).hasToString("example.com");
        assertThat(DomainMask.parse("Any")).hasToString("any");
    }

    @Test
    void equalMasksShouldBeEqual() throws Exception {
        assertThat(DomainMask.parse("Example.com")).isEqualTo(DomainMask.parse("example.com."))
            .hasSameHashCodeAs(DomainMask.parse("example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void parseShouldRejectEmptyMask(String text) {
        assertThatThrownBy(() -> DomainMask.parse(text))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("empty domain mask");
    }

    @Test
    void parseShouldRejectNull() {
        assertThatThrownBy(() -> DomainMask.parse(null))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("empty domain mask");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "user@example.com", "example.com/24", "[127.0.0.1]", "a,b"})
    void parseShouldRejectCharactersOutsideDomainNames(String text) {
        assertThatThrownBy(() -> DomainMask.parse(text))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("'" + text.trim() + "'")
            .hasMessageContaining("'any'");
    }

    @Test
    void parseShouldRejectALoneDot() {
        assertThatThrownBy(() -> DomainMask.parse("."))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("not only a dot");
    }
}
