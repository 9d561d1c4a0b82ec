package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.eventlog.TestMails.object;
import static org.smtpgw.mailets.eventlog.TestMails.scanned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.MutableClock;
import org.smtpgw.mailets.eventlog.TestMails;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

class GatewayStatisticsTest {
    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock();
    private final GatewayStatistics statistics = new GatewayStatistics(clock);

    @Test
    void scanSessionsCountCurrentAndMaximum() {
        var first = statistics.scanSession();
        var second = statistics.scanSession();
        second.close();
        second.close();
        var third = statistics.scanSession();

        assertThat(statistics.snapshot())
            .containsEntry(GatewayStatistics.SESSIONS_CURRENT, 2L)
            .containsEntry(GatewayStatistics.SESSIONS_MAXIMUM, 2L);
        first.close();
        third.close();
        assertThat(statistics.snapshot()).containsEntry(GatewayStatistics.SESSIONS_CURRENT, 0L);
    }

    @Test
    void writerRendersNameValueLinesInTheManualsOrderWithGaugesLast() throws Exception {
        statistics.increment(Counter.MTA_RECEIVED_MESSAGES);
        statistics.registerGauge("mta_stored_messages_current", () -> 7);
        clock.advance(Duration.ofSeconds(90));

        Path file = temp.resolve("run/smtpgw.stat");
        new StatisticsWriter(statistics).writeTo(file);

        var lines = Files.readAllLines(file);
        assertThat(lines).startsWith("time_initialized=" + Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
            "time_processing=90", "mta_received_messages=1", "mta_received_bytes=0");
        assertThat(lines).last().isEqualTo("mta_stored_messages_current=7");
        assertThat(lines).allMatch(line -> line.matches("[a-z0-9_]+=\\d+"));
        assertThat(new StatisticsWriter(statistics).asMap()).containsEntry("mta_stored_messages_current", 7L);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void gaugeCannotShadowACounter() {
        assertThatThrownBy(() -> statistics.registerGauge("mta_received_messages", () -> 1))
            .hasMessageContaining("counted here already");
        assertThatThrownBy(() -> statistics.registerGauge("Bad Name", () -> 1))
            .hasMessageContaining("lower case");
    }
}
