package org.smtpgw.mailets.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T14:05:09Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @Test
    void messageLineHasTheManualsPrefixEnvelopeIdAndText() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLog log = new EventLogRegistry(CLOCK).eventLog(EventLogSettings.defaults(file.toString()));

        log.log(LogLevel.ACTIVITY, "Mail1234", "BLOCKED, rcpt=a@example.com, size=10");
        log.log(LogLevel.INFO, "scanning switched on");

        assertThat(Files.readAllLines(file)).containsExactly(
            "[28/11/26 14:05:09 A] Mail1234: BLOCKED, rcpt=a@example.com, size=10",
            "[28/11/26 14:05:09 I]: scanning switched on");
    }

    @Test
    void dateAndTimeFollowTheLocaleFormats() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLog log = new EventLogRegistry(CLOCK).eventLog(
            new EventLogSettings(file.toString(), 4, "%m/%d/%y", "%I:%M:%S %P"));

        log.log(LogLevel.ACTIVITY, "Mail1", "x");

        assertThat(Files.readAllLines(file)).containsExactly("[11/28/26 02:05:09 pm A] Mail1: x");
    }

    @Test
    void linesAboveTheConfiguredLevelAreNotWrittenButFatalAlwaysIs() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLog log = new EventLogRegistry(CLOCK).eventLog(
            new EventLogSettings(file.toString(), 1, "%d/%m/%y", "%H:%M:%S"));

        log.log(LogLevel.ACTIVITY, "Mail1", "activity");
        log.log(LogLevel.WARNING, "warning");
        log.log(LogLevel.ERROR, "error");
        log.log(LogLevel.FATAL, "fatal");

        assertThat(Files.readAllLines(file)).containsExactly(
            "[28/11/26 14:05:09 E]: error",
            "[28/11/26 14:05:09 F]: fatal");
    }

    @Test
    void debugLinesNeedLevelNine() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLogRegistry registry = new EventLogRegistry(CLOCK);

        registry.eventLog(new EventLogSettings(file.toString(), 8, "%d", "%H")).log(LogLevel.DEBUG, "hidden");
        registry.eventLog(new EventLogSettings(file.toString(), 9, "%d", "%H")).log(LogLevel.DEBUG, "shown");

        assertThat(Files.readAllLines(file)).containsExactly("[28 14 D]: shown");
    }

    @Test
    void lineBreaksInValuesCannotForgeLines() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLog log = new EventLogRegistry(CLOCK).eventLog(EventLogSettings.defaults(file.toString()));

        log.log(LogLevel.ACTIVITY, "Mail1", "helo=<evil\r\n[28/11/26 14:05:09 A] Mail2: BLOCKED>");

        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void fileMovedAwayByRotationIsReopened() throws Exception {
        Path file = temp.resolve("logs/smtpgw.log");
        EventLog log = new EventLogRegistry(CLOCK).eventLog(EventLogSettings.defaults(file.toString()));
        log.log(LogLevel.ACTIVITY, "Mail1", "before");

        Path rotated = temp.resolve("logs/smtpgw.log.1");
        Files.move(file, rotated);
        log.log(LogLevel.ACTIVITY, "Mail2", "after");

        assertThat(Files.readAllLines(rotated)).containsExactly("[28/11/26 14:05:09 A] Mail1: before");
        assertThat(Files.readAllLines(file)).containsExactly("[28/11/26 14:05:09 A] Mail2: after");
    }

    @Test
    void fileDeletedIsCreatedAgain() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLog log = new EventLogRegistry(CLOCK).eventLog(EventLogSettings.defaults(file.toString()));
        log.log(LogLevel.ACTIVITY, "Mail1", "before");

        Files.delete(file);
        log.log(LogLevel.ACTIVITY, "Mail2", "after");

        assertThat(Files.readAllLines(file)).containsExactly("[28/11/26 14:05:09 A] Mail2: after");
    }

    @Test
    void logsWithTheSameTargetShareOneWriter() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLogRegistry registry = new EventLogRegistry(CLOCK);
        EventLog first = registry.eventLog(EventLogSettings.defaults(file.toString()));
        EventLog second = registry.eventLog(EventLogSettings.defaults(temp.resolve(".").resolve("smtpgw.log").toString()));
        EventLog otherFormat = registry.eventLog(new EventLogSettings(file.toString(), 4, "%F", "%T"));

        assertThat(second).isSameAs(first);
        first.log(LogLevel.ACTIVITY, "Mail1", "one");
        otherFormat.log(LogLevel.ACTIVITY, "Mail2", "two");

        assertThat(Files.readAllLines(file)).containsExactly(
            "[28/11/26 14:05:09 A] Mail1: one",
            "[2026-11-28 14:05:09 A] Mail2: two");
    }

    @Test
    void concurrentWritersNeverInterleaveWithinALine() throws Exception {
        Path file = temp.resolve("smtpgw.log");
        EventLog log = new EventLogRegistry(CLOCK).eventLog(EventLogSettings.defaults(file.toString()));
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    log.log(LogLevel.ACTIVITY, "Mail" + id, "line " + i + " " + "x".repeat(200));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(800)
            .allMatch(line -> line.matches("\\[28/11/26 14:05:09 A\\] Mail[0-3]: line \\d+ x{200}"));
    }

    @Test
    void emptyTargetWritesNothing() throws Exception {
        EventLog log = new EventLogRegistry(CLOCK).eventLog(EventLogSettings.defaults(""));

        log.log(LogLevel.FATAL, "Mail1", "nowhere");

        assertThat(log.isEnabled(LogLevel.FATAL)).isFalse();
        try (var files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void syslogTargetSendsAnRfc3164DatagramWithMailFacility() throws Exception {
        try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.setSoTimeout(10_000);
            EventLogRegistry registry = new EventLogRegistry(CLOCK);
            EventLog log = registry.eventLog(EventLogSettings.defaults("syslog:127.0.0.1:" + daemon.getLocalPort()));

            log.log(LogLevel.ACTIVITY, "Mail1", "BLOCKED, rcpt=a@example.com, size=10");

            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            daemon.receive(packet);
            String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            // facility mail (2) * 8 + informational (6) = 22
            assertThat(datagram).matches("<22>Nov 28 14:05:09 \\S+ smtpgw: "
                + "\\[28/11/26 14:05:09 A\\] Mail1: BLOCKED, rcpt=a@example.com, size=10");
            registry.close();
        }
    }

    @Test
    void syslogAloneMeansTheLocalDaemonOnPort514() {
        assertThat(EventLogSettings.defaults("syslog").destination())
            .isEqualTo(new EventLogSettings.Syslog("127.0.0.1", 514));
        assertThat(EventLogSettings.defaults("SYSLOG:[::1]:1514").destination())
            .isEqualTo(new EventLogSettings.Syslog("[::1]", 1514));
    }

    @Test
    void badSettingsAreRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> new EventLogSettings("/tmp/x", 0, "%d", "%H"))
            .hasMessageContaining("log level 0 is out of range; expected 1 to 9");
        assertThatThrownBy(() -> EventLogSettings.defaults("syslog:localhost"))
            .hasMessageContaining("has no port");
        assertThatThrownBy(() -> EventLogSettings.defaults("syslog:localhost:70000"))
            .hasMessageContaining("port out of range");
        assertThatThrownBy(() -> new EventLogSettings("/tmp/x", 4, "%d/%Q", "%H"))
            .hasMessageContaining("%Q");
    }

    @Test
    void levelsParseByNameLetterOrNumber() {
        assertThat(LogLevel.parse("a")).contains(LogLevel.ACTIVITY);
        assertThat(LogLevel.parse("4")).contains(LogLevel.ACTIVITY);
        assertThat(LogLevel.parse("Warning")).contains(LogLevel.WARNING);
        assertThat(LogLevel.parse("X")).isEmpty();
    }
}
