package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.eventlog.TestMails.object;
import static org.smtpgw.mailets.eventlog.TestMails.scanned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.eventlog.TestMails;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

class GatewayStatisticsTest {
    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T14:00:00Z"));
    private final GatewayStatistics statistics = new GatewayStatistics(clock);

    @Test
    void countScanResultsCountsMessagesAndObjectsByStatus() throws Exception {
        CountScanResults mailet = new CountScanResults(statistics);
        mailet.init(FakeMailetConfig.builder().mailetName("CountScanResults").build());
        Mail mail = scanned(TestMails.mail("Mail1").build(), "policy",
            object("1", ObjectStatus.CLEAN), object("2", ObjectStatus.INFECTED, "EICAR"),
            object("3", ObjectStatus.INFECTED, "EICAR"), object("4", ObjectStatus.SUSPICIOUS),
            object("5", ObjectStatus.PROTECTED), object("6", ObjectStatus.ERROR), object("7", ObjectStatus.FILTERED));
        VerdictAttributes.storeOriginal(mail, "original".getBytes());

        mailet.service(mail);
        mailet.service(TestMails.mail("Mail2").build());

        assertThat(statistics.snapshot())
            .containsEntry("antiviral_checked_messages_total", 1L)
            .containsEntry("antiviral_checked_messages_modified", 1L)
            .containsEntry("antiviral_checked_objects_total", 7L)
            .containsEntry("antiviral_checked_objects_infected", 2L)
            .containsEntry("antiviral_infected_objects", 2L)
            .containsEntry("antiviral_checked_objects_suspicious_objects", 1L)
            .containsEntry("antiviral_checked_objects_protected_objects", 1L)
            .containsEntry("antiviral_check_checked_objects_error", 1L)
            .containsEntry("antiviral_checked_objects_filtered_objects", 1L)
            .containsEntry("antiviral_checked_objects_disinfected_objects", 0L);
    }

    @Test
    void countMessagesAddsMailsBytesAndRecipients() throws Exception {
        CountMessages received = new CountMessages(statistics);
        received.init(FakeMailetConfig.builder().mailetName("CountMessages")
            .setProperty(CountMessages.DIRECTION, "received").build());
        CountMessages sent = new CountMessages(statistics);
        sent.init(FakeMailetConfig.builder().mailetName("CountMessages")
            .setProperty(CountMessages.DIRECTION, "sent").build());
        Mail mail = TestMails.mail("Mail1").build();

        received.service(mail);
        received.service(mail);
        sent.service(mail);

        assertThat(statistics.get(Counter.MTA_RECEIVED_MESSAGES)).isEqualTo(2);
        assertThat(statistics.get(Counter.MTA_RECEIVED_BYTES)).isEqualTo(2 * mail.getMessageSize());
        assertThat(statistics.get(Counter.MTA_RECEIVED_RECIPIENTS)).isEqualTo(4);
        assertThat(statistics.get(Counter.MTA_SENT_MESSAGES)).isEqualTo(1);
        assertThat(statistics.get(Counter.MTA_SENT_RECIPIENTS)).isEqualTo(2);
    }

    @Test
    void incrementCounterAddsOnePerMailToTheNamedCounter() throws Exception {
        IncrementCounter mailet = new IncrementCounter(statistics);
        mailet.init(FakeMailetConfig.builder().mailetName("IncrementCounter")
            .setProperty(IncrementCounter.COUNTER, "antiviral_notifications_generated_for_admin").build());

        mailet.service(TestMails.mail("Mail1").build());

        assertThat(statistics.get(Counter.NOTIFICATIONS_ADMIN)).isEqualTo(1);
        assertThatThrownBy(() -> new IncrementCounter(statistics).init(FakeMailetConfig.builder()
            .mailetName("IncrementCounter").setProperty(IncrementCounter.COUNTER, "mta_bogus").build()))
            .hasMessageContaining("parameter counter <counter>mta_bogus</counter> is not a counter; expected one of"
                + " mta_received_messages");
    }

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
        assertThat(lines).startsWith("time_initialized=" + Instant.parse("2026-11-28T14:00:00Z").getEpochSecond(),
            "time_processing=90", "mta_received_messages=1", "mta_received_bytes=0");
        assertThat(lines).last().isEqualTo("mta_stored_messages_current=7");
        assertThat(lines).allMatch(line -> line.matches("[a-z_]+=\\d+"));
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

    /** A clock the test moves. */
    static final class MutableClock extends java.time.Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
