package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AvStatisticsTargetTest {

    @Test
    void fileShouldBeAbsoluteAndNormalised() {
        assertThat(AvStatisticsTarget.file("/var/log/smtpgw/../smtpgw/av.stat"))
            .isEqualTo(new AvStatisticsTarget.File(Path.of("/var/log/smtpgw/av.stat")));
        assertThat(AvStatisticsTarget.file("stats:1234"))
            .isEqualTo(new AvStatisticsTarget.File(Path.of("stats:1234").toAbsolutePath()));
    }

    @Test
    void socketShouldTakeHostNamesIpv4AndBracketedIpv6() {
        assertThat(AvStatisticsTarget.socket("stats.example.com:7777"))
            .isEqualTo(new AvStatisticsTarget.Socket("stats.example.com", 7777));
        assertThat(AvStatisticsTarget.socket("127.0.0.1:7777")).isEqualTo(new AvStatisticsTarget.Socket("127.0.0.1", 7777));
        assertThat(AvStatisticsTarget.socket("[::1]:7777")).isEqualTo(new AvStatisticsTarget.Socket("::1", 7777));
    }

    @Test
    void socketShouldRejectPortOutOfRange() {
        assertThatThrownBy(() -> AvStatisticsTarget.socket("127.0.0.1:70000"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 70000 is out of range 1..65535");
        assertThatThrownBy(() -> AvStatisticsTarget.socket("127.0.0.1:0"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 0");
    }

    @Test
    void socketShouldRejectWhatIsNotHostPort() {
        assertThatThrownBy(() -> AvStatisticsTarget.socket("/var/log/av.stat"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not HOST:PORT");
        assertThatThrownBy(() -> AvStatisticsTarget.socket("127.0.0.1"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not HOST:PORT");
    }

    @Test
    void fileShouldRejectEmptyValue() {
        assertThatThrownBy(() -> AvStatisticsTarget.file("  ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is empty");
    }
}
