package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.eventlog.TestMails.object;
import static org.smtpgw.mailets.eventlog.TestMails.scanned;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.eventlog.LogLevel;
import org.smtpgw.mailets.eventlog.TestMails;
import org.smtpgw.scanner.ObjectStatus;

class AvStatisticsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T14:05:09.750Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    /** {@code kind}: {@link WriteAvStatistics#FILE} or {@link WriteAvStatistics#SOCKET}. */
    private WriteAvStatistics mailet(AvStatisticsRegistry registry, String kind, String target, String... more)
        throws Exception {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("WriteAvStatistics")
            .setProperty(kind, target);
        for (int i = 0; i < more.length; i += 2) {
            config.setProperty(more[i], more[i + 1]);
        }
        WriteAvStatistics mailet = new WriteAvStatistics(registry, CLOCK);
        mailet.init(config.build());
        return mailet;
    }

    private static Mail infectedMail() throws Exception {
        return scanned(TestMails.mail("Mail1").build(), "policy",
            object("1", ObjectStatus.CLEAN), object("2", ObjectStatus.INFECTED, "EICAR-Test-File"));
    }

    @Test
    void fileGetsOneTabSeparatedLinePerScannedMail() throws Exception {
        Path file = temp.resolve("av.stat");
        WriteAvStatistics mailet = mailet(new AvStatisticsRegistry(), WriteAvStatistics.FILE, file.toString());
        Mail mail = infectedMail();

        mailet.service(mail);
        mailet.service(TestMails.mail("Unscanned").build());

        assertThat(Files.readAllLines(file)).containsExactly(String.join("\t", "2026-11-28T14:05:09Z",
            String.valueOf(mail.getMessageSize()), "sender@example.org", "rcpt@example.com,other@example.net",
            "infected,clean", "EICAR-Test-File", "192.0.2.7", "<msg-1@example.org>"));
    }

    @Test
    void manyRecipientsAreCutAfterMaxRecipients() throws Exception {
        Mail mail = scanned(FakeMail.builder().name("Mail1").sender("s@example.org")
            .recipients("a@x.example", "b@x.example", "c@x.example", "d@x.example")
            .mimeMessage(TestMails.message("")).build(), "policy", object("1", ObjectStatus.CLEAN));

        String line = AvStatisticsLine.of(mail, org.smtpgw.matchers.verdict.VerdictAttributes.read(mail).orElseThrow(),
            CLOCK.instant(), 2);

        assertThat(line.split("\t", -1)).hasSize(8);
        assertThat(line.split("\t", -1)[3]).isEqualTo("a@x.example,b@x.example,+2");
        assertThat(line.split("\t", -1)[5]).isEmpty();
    }

    @Test
    void socketTargetSendsLinesToTheStatisticsServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             AvStatisticsRegistry registry = new AvStatisticsRegistry()) {
            server.setSoTimeout(10_000);
            WriteAvStatistics mailet = mailet(registry, WriteAvStatistics.SOCKET, "127.0.0.1:" + server.getLocalPort());

            mailet.service(infectedMail());
            mailet.service(infectedMail());

            try (Socket client = server.accept()) {
                client.setSoTimeout(10_000);
                BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
                List<String> lines = List.of(reader.readLine(), reader.readLine());
                assertThat(lines).allMatch(line -> line.startsWith("2026-11-28T14:05:09Z\t")
                    && line.contains("\tinfected,clean\tEICAR-Test-File\t"));
            }
        }
    }

    @Test
    void closedPortDropsEveryLineAndCountsThem() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SocketLineSender sender = new SocketLineSender("127.0.0.1", port, 1000, Duration.ofSeconds(2),
            Duration.ofSeconds(60)).start();
        try {
            for (int i = 0; i < 50; i++) {
                sender.write(LogLevel.ACTIVITY, "line " + i);
            }
            awaitDropped(sender, 50);

            assertThat(sender.dropped()).isEqualTo(50);
            assertThat(sender.sent()).isZero();
        } finally {
            sender.close();
        }
    }

    @Test
    void fullQueueDropsInsteadOfWaiting() {
        SocketLineSender notStarted = new SocketLineSender("127.0.0.1", 9, 2, Duration.ofSeconds(1),
            Duration.ofSeconds(1));

        for (int i = 0; i < 5; i++) {
            notStarted.write(LogLevel.ACTIVITY, "line " + i);
        }

        assertThat(notStarted.dropped()).isEqualTo(3);
        notStarted.close();
        assertThat(notStarted.dropped()).isEqualTo(5);
    }

    @Test
    void badParametersStopTheServer() {
        assertThatThrownBy(() -> mailet(new AvStatisticsRegistry(), WriteAvStatistics.FILE, ""))
            .hasMessageContaining("WriteAvStatistics: give exactly one of <socket>HOST:PORT</socket> and <file>PATH</file>");
        assertThatThrownBy(() -> mailet(new AvStatisticsRegistry(), WriteAvStatistics.FILE, "x.stat",
            WriteAvStatistics.QUEUE_SIZE, "0"))
            .hasMessageContaining("parameter queueSize <queueSize>0</queueSize> is out of range");
    }

    /** Waits for the background sender; the assertion that follows is on the counter, not on the time taken. */
    private static void awaitDropped(SocketLineSender sender, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sender.dropped() < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
    }

}
