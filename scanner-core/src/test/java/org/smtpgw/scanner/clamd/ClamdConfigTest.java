package org.smtpgw.scanner.clamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ClamdConfigTest {

    @Test
    void buildShouldApplyTheDocumentedDefaults() {
        ClamdConfig config = ClamdConfig.builder().tcp("127.0.0.1", 3310).build();

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.scanTimeout()).isEqualTo(Duration.ofSeconds(150));
        assertThat(config.maxStreamSize()).isEqualTo(25L * 1024 * 1024);
        assertThat(config.chunkSize()).isEqualTo(64 * 1024);
        assertThat(config.maxConnections()).isEqualTo(10);
        assertThat(config.versionCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void buildShouldThrowWithoutAnAddress() {
        assertThatThrownBy(() -> ClamdConfig.builder().build())
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("tcp(host, port) or unixSocket(path)");
    }

    @Test
    void tcpShouldKeepHostAndPortUnresolved() {
        ClamdConfig config = ClamdConfig.builder().tcp("clamd.example", 3310).build();

        assertThat(config.address()).isEqualTo(InetSocketAddress.createUnresolved("clamd.example", 3310));
        assertThat(config.describeAddress()).isEqualTo("clamd.example:3310");
    }

    @Test
    void unixSocketShouldBeDescribedWithItsPath() {
        ClamdConfig config = ClamdConfig.builder().unixSocket(Path.of("/run/clamav/clamd.ctl")).build();

        assertThat(config.address()).isEqualTo(UnixDomainSocketAddress.of("/run/clamav/clamd.ctl"));
        assertThat(config.describeAddress()).isEqualTo("unix:/run/clamav/clamd.ctl");
    }

    @Test
    void tcpShouldRejectPortZero() {
        assertThatThrownBy(() -> ClamdConfig.builder().tcp("localhost", 0))
            .hasMessage("clamd port 0 is outside 1..65535");
    }

    @Test
    void tcpShouldRejectPortAbove65535() {
        assertThatThrownBy(() -> ClamdConfig.builder().tcp("localhost", 65536))
            .hasMessage("clamd port 65536 is outside 1..65535");
    }

    @Test
    void tcpShouldRejectABlankHost() {
        assertThatThrownBy(() -> ClamdConfig.builder().tcp(" ", 3310)).hasMessage("clamd host is blank");
    }

    @Test
    void timeoutsShouldAcceptDurationAndTimeUnitAlike() {
        ClamdConfig config = ClamdConfig.builder().tcp("localhost", 3310)
            .connectTimeout(2, TimeUnit.SECONDS)
            .readTimeout(Duration.ofMillis(1500))
            .scanTimeout(3, TimeUnit.MINUTES)
            .versionCacheTtl(0, TimeUnit.SECONDS)
            .build();

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.scanTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.versionCacheTtl()).isZero();
    }

    @Test
    void connectTimeoutShouldRejectZero() {
        assertThatThrownBy(() -> ClamdConfig.builder().connectTimeout(Duration.ZERO))
            .hasMessage("connectTimeout PT0S is below the minimum PT0.001S");
    }

    @Test
    void connectTimeoutShouldRejectMoreThanTenMinutes() {
        assertThatThrownBy(() -> ClamdConfig.builder().connectTimeout(Duration.ofMinutes(11)))
            .hasMessage("connectTimeout PT11M is above the maximum PT10M");
    }

    @Test
    void readTimeoutShouldRejectANegativeValue() {
        assertThatThrownBy(() -> ClamdConfig.builder().readTimeout(-1, TimeUnit.SECONDS))
            .hasMessage("readTimeout PT-1S is below the minimum PT0.001S");
    }

    @Test
    void scanTimeoutShouldRejectMoreThanAnHour() {
        assertThatThrownBy(() -> ClamdConfig.builder().scanTimeout(Duration.ofHours(2)))
            .hasMessage("scanTimeout PT2H is above the maximum PT1H");
    }

    @Test
    void scanTimeoutShouldRejectNull() {
        assertThatThrownBy(() -> ClamdConfig.builder().scanTimeout(null)).hasMessage("scanTimeout == null");
    }

    @Test
    void versionCacheTtlShouldRejectMoreThanADay() {
        assertThatThrownBy(() -> ClamdConfig.builder().versionCacheTtl(Duration.ofDays(2)))
            .hasMessage("versionCacheTtl PT48H is above the maximum PT24H");
    }

    @Test
    void maxStreamSizeShouldRejectZero() {
        assertThatThrownBy(() -> ClamdConfig.builder().maxStreamSize(0))
            .hasMessage("maxStreamSize 0 is outside 1..4294967294");
    }

    @Test
    void maxStreamSizeShouldRejectFourGibibytes() {
        assertThatThrownBy(() -> ClamdConfig.builder().maxStreamSize(4L << 30))
            .hasMessage("maxStreamSize 4294967296 is outside 1..4294967294");
    }

    @Test
    void chunkSizeShouldRejectLessThanOneKibibyte() {
        assertThatThrownBy(() -> ClamdConfig.builder().chunkSize(1023))
            .hasMessage("chunkSize 1023 is outside 1024..16777216");
    }

    @Test
    void chunkSizeShouldRejectMoreThanSixteenMebibytes() {
        assertThatThrownBy(() -> ClamdConfig.builder().chunkSize((16 << 20) + 1))
            .hasMessage("chunkSize 16777217 is outside 1024..16777216");
    }

    @Test
    void maxConnectionsShouldRejectZero() {
        assertThatThrownBy(() -> ClamdConfig.builder().maxConnections(0))
            .hasMessage("maxConnections 0 is outside 1..1000");
    }

    @Test
    void maxConnectionsShouldRejectMoreThanAThousand() {
        assertThatThrownBy(() -> ClamdConfig.builder().maxConnections(1001))
            .hasMessage("maxConnections 1001 is outside 1..1000");
    }

    @Test
    void newBuilderShouldCopyEveryValue() {
        ClamdConfig original = ClamdConfig.builder().unixSocket(Path.of("/tmp/c.sock"))
            .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2))
            .scanTimeout(Duration.ofSeconds(3)).maxStreamSize(4096).chunkSize(2048).maxConnections(3)
            .versionCacheTtl(Duration.ofSeconds(4)).build();

        ClamdConfig copy = original.newBuilder().build();
        ClamdConfig changed = original.newBuilder().maxConnections(7).build();

        assertThat(copy).hasToString(original.toString());
        assertThat(changed.maxConnections()).isEqualTo(7);
        assertThat(original.maxConnections()).isEqualTo(3);
    }
}
