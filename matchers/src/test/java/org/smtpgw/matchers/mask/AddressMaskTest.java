package org.smtpgw.matchers.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressMaskTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1, true",
        "127.0.0.1, 127.0.0.2, false",
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "10.0.0.0/255.0.0.0, 10.1.2.3, true",
        "10.0.0.0/255.0.0.0, 9.255.255.255, false",
        "192.168.1.0/24, 192.168.1.77, true",
        "192.168.1.0/24, 192.168.2.77, false",
        "192.168.1.0/255.255.255.0, 192.168.1.0, true",
        // host bits of the network part are ignored
        "10.1.2.3/8, 10.200.0.1, true",
        "127.0.0.1/32, 127.0.0.1, true",
        "127.0.0.1/32, 127.0.0.2, false",
        "127.0.0.1/31, 127.0.0.0, true",
        "127.0.0.1/31, 127.0.0.2, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0.0.0.0, 203.0.113.9, true",
        "any, 203.0.113.9, true",
        "ANY, 203.0.113.9, true",
        "any, ::1, true",
        "0.0.0.0/0, ::1, false",
        "127.0.0.1, ::1, false",
        "192.168.1.0/24, ::ffff:c0a8:0105, true",
    })
    void matchesShouldCompareNetworkBits(String mask, String address, boolean expected) throws Exception {
        assertThat(AddressMask.parse(mask).matches(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @Test
    void matchesShouldMatchIpv4MappedIpv6AddressAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);

        assertThat(AddressMask.parse("127.0.0.0/8").matches(address)).isTrue();
    }

    @Test
    void toStringShouldGiveCidrForm() throws Exception {
        assertThat(AddressMask.parse("10.1.2.3/255.255.0.0")).hasToString("10.1.0.0/16");
        assertThat(AddressMask.parse("127.0.0.1")).hasToString("127.0.0.1/32");
        assertThat(AddressMask.parse("any")).hasToString("any");
    }

    @Test
    void equivalentFormsShouldBeEqual() throws Exception {
        assertThat(AddressMask.parse("10.0.0.0/8")).isEqualTo(AddressMask.parse("10.0.0.0/255.0.0.0"))
            .hasSameHashCodeAs(AddressMask.parse("10.9.9.9/8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void parseShouldRejectEmptyMask(String text) {
        assertThatThrownBy(() -> AddressMask.parse(text))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("empty address mask")
            .hasMessageContaining("x.x.x.x/n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0", "10.0.0.0.0", "10..0.1", "host.example.com", "10.0.0.a", "1234.0.0.1", "-1.0.0.1"})
    void parseShouldRejectAddressesThatAreNotFourNumbers(String text) {
        assertThatThrownBy(() -> AddressMask.parse(text))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("'" + text + "'")
            .hasMessageContaining("x.x.x.x/y.y.y.y");
    }

    @Test
    void parseShouldRejectOctetAbove255() {
        assertThatThrownBy(() -> AddressMask.parse("10.0.0.256"))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("256")
            .hasMessageContaining("greater than 255");
    }

    @Test
    void parseShouldAcceptPrefixBoundaries() throws Exception {
        assertThat(AddressMask.parse("10.0.0.0/0").matches(InetAddress.getByName("1.2.3.4"))).isTrue();
        assertThat(AddressMask.parse("10.0.0.1/32").matches(InetAddress.getByName("10.0.0.1"))).isTrue();
    }

    @Test
    void parseShouldRejectPrefixAbove32() {
        assertThatThrownBy(() -> AddressMask.parse("10.0.0.0/33"))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("prefix length 33 is greater than 32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/x", "10.0.0.0/100"})
    void parseShouldRejectMalformedPrefix(String text) {
        assertThatThrownBy(() -> AddressMask.parse(text))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining(text)
            .hasMessageContaining("from 0 to 32");
    }

    @Test
    void parseShouldRejectNonContiguousNetmask() {
        assertThatThrownBy(() -> AddressMask.parse("10.0.0.0/255.0.255.0"))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("255.0.255.0 is not contiguous");
    }

    @Test
    void parseShouldRejectMalformedNetmask() {
        assertThatThrownBy(() -> AddressMask.parse("10.0.0.0/255.0.0"))
            .isInstanceOf(InvalidMaskException.class)
            .hasMessageContaining("'255.0.0'");
    }
}
