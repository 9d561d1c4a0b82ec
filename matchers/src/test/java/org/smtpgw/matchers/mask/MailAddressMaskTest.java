package org.smtpgw.matchers.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressMaskTest {

    @ParameterizedTest
    @CsvSource({
        "*@example.com, john@example.com, true",
        "*@example.com, John@EXAMPLE.com, true",
        "*@example.com, john@mail.example.com, false",
        "*@*example.com, john@mail.example.com, true",
        "john.*@*, john.smith@any.org, true",
        "john.*@*, johnsmith@any.org, false",
        "user?@example.com, user1@example.com, true",
        "user?@example.com, user12@example.com, false",
        "a+b@example.com, a+b@example.com, true",
        "a.b@example.com, axb@example.com, false",
        "*, anyone@anywhere.example, true",
        "*@*, anyone@anywhere.example, true"
    })
    void matchesShouldCompareTheWholeAddressIgnoringCase(String mask, String address, boolean expected) throws Exception {
        assertThat(MailAddressMask.parse(mask).matches(address)).isEqualTo(expected);
    }

    @Test
    void nullSenderShouldBeMatchedAsTheTextAngleBracketsAndByCatchAllMasks() throws Exception {
        assertThat(MailAddressMask.parse("*@*").matchesNullSender()).isTrue();
        assertThat(MailAddressMask.parse("*").matchesNullSender()).isTrue();
        assertThat(MailAddressMask.parse("<>").matchesNullSender()).isTrue();
        assertThat(MailAddressMask.parse("*@example.com").matchesNullSender()).isFalse();
        assertThat(MailAddressMask.parse("?*").matchesNullSender()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "a b@example.com", "a,b@example.com", "a;b@example.com", "a\"b@example.com"})
    void parseShouldRefuseInvalidMasks(String mask) {
        assertThatThrownBy(() -> MailAddressMask.parse(mask)).isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("address mask");
    }
}
