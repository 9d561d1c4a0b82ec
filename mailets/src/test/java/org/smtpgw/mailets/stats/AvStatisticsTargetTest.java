package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AvStatisticsTargetTest {

    @Test
    void parseShouldGiveAbsoluteFileForAnythingElse() {
        assertThat(AvStatisticsTarget.parse("/var/log/smtpgw/../smtpgw/av.stat"))
            .isEqualTo(new AvStatisticsTarget.File(Path.of("/var/log/smtpgw/av.stat")));
        assertThat(AvStatisticsTarget.parse("./stats:1234"))
            .isEqualTo(new AvStatisticsTarget.File(Path.of("stats:1234").toAbsolutePath()));
    }

    @Test
    void parseShouldRejectPortOutOfRange() {
        assertThatThrownBy(() -> AvStatisticsTarget.parse("127.0.0.1:70000"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 70000 is out of range 1..65535");
        assertThatThrownBy(() -> AvStatisticsTarget.parse("127.0.0.1:0"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 0");
    }

    @Test
    void parseShouldRejectEmptyValue() {
        assertThatThrownBy(() -> AvStatisticsTarget.parse("  ")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is empty");
    }
}
