package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.eventlog.TestMails.object;
import static org.smtpgw.mailets.eventlog.TestMails.scanned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.eventlog.TestMails;
import org.smtpgw.scanner.ObjectStatus;

class WriteAvStatisticsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T14:03:03Z"), ZoneOffset.UTC);
    private static final AvStatisticsRegistry.SocketSettings ANY_SETTINGS =
        new AvStatisticsRegistry.SocketSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(1));

    @TempDir
    Path temp;

    private final AvStatisticsRegistry registry = new AvStatisticsRegistry();

    @AfterEach
    void tearDown() throws Exception {
        registry.close();
    }

    /** {@code kind}: {@link WriteAvStatistics#FILE} or {@link WriteAvStatistics#SOCKET}. */
    private WriteAvStatistics mailet(String kind, String target, String... more) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("WriteAvStatistics")
            .mailetContext(FakeMailContext.defaultContext());
        config.setProperty(kind, target);
        for (int i = 0; i < more.length; i += 2) {
            config.setProperty(more[i], more[i + 1]);
        }
        WriteAvStatistics mailet = new WriteAvStatistics(registry, CLOCK);
        mailet.init(config.build());
        return mailet;
    }

    private static Mail infectedMail() throws MessagingException {
        return scanned(TestMails.mail("m1").size(2048).build(), "default",
            object("1", ObjectStatus.CLEAN), object("2", ObjectStatus.INFECTED, "EICAR-Test-File"));
    }

    @Test
    void mailetsNamingTheSameFileShouldShareOneWriter() throws Exception {
        Path file = temp.resolve("av.stat");
        WriteAvStatistics first = mailet(WriteAvStatistics.FILE, file.toString());
        WriteAvStatistics second = mailet(WriteAvStatistics.FILE, temp.resolve("x/../av.stat").toString());

        first.service(infectedMail());
        second.service(infectedMail());

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(registry.sink(new AvStatisticsTarget.File(file), ANY_SETTINGS))
            .isSameAs(registry.sink(AvStatisticsTarget.file(temp.resolve("x/../av.stat").toString()), ANY_SETTINGS));
    }

    @Test
    void serviceShouldWriteNoLineForAnUnreadableVerdictAndLetTheMailGoOn() throws Exception {
        Path file = temp.resolve("av.stat");
        WriteAvStatistics mailet = mailet(WriteAvStatistics.FILE, file.toString());
        Mail mail = TestMails.mail("m1").state("group-default").build();
        mail.setAttribute(new org.apache.mailet.Attribute(org.smtpgw.matchers.verdict.VerdictAttributes.OBJECTS,
            org.apache.mailet.AttributeValue.of("not a list")));

        mailet.service(mail);
        mailet.service(infectedMail());

        assertThat(mail.getState()).isEqualTo("group-default");
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void serviceShouldDropLinesWhenSocketIsUnavailable() throws Exception {
        int port = SocketLineSenderTest.closedPort();
        WriteAvStatistics mailet = mailet(WriteAvStatistics.SOCKET, "127.0.0.1:" + port, WriteAvStatistics.RETRY_INTERVAL, "60");
        Mail mail = infectedMail();

        mailet.service(mail);
        mailet.service(mail);
        mailet.service(mail);

        SocketLineSender sender = (SocketLineSender) registry.sink(new AvStatisticsTarget.Socket("127.0.0.1", port),
            ANY_SETTINGS);
        Eventually.await("3 lines dropped", () -> sender.dropped() == 3);
        assertThat(sender.sent()).isZero();
    }

    @Test
    void initShouldRejectPortOutOfRange() {
        assertThatThrownBy(() -> mailet(WriteAvStatistics.SOCKET, "127.0.0.1:99999")).isInstanceOf(MailetException.class)
            .hasMessageContaining("parameter socket '127.0.0.1:99999': port 99999 is out of range 1..65535");
    }

    @Test
    void initShouldRejectASocketNotInTheHostPortForm() {
        assertThatThrownBy(() -> mailet(WriteAvStatistics.SOCKET, "/var/run/stats.sock")).isInstanceOf(MailetException.class)
            .hasMessageContaining("parameter socket '/var/run/stats.sock' is not HOST:PORT");
    }

    @Test
    void initShouldRequireExactlyOneOfFileAndSocket() {
        assertThatThrownBy(() -> mailet(WriteAvStatistics.FILE, temp.resolve("av.stat").toString(),
            WriteAvStatistics.SOCKET, "127.0.0.1:7777"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("give exactly one of <socket>HOST:PORT</socket> and <file>PATH</file>");
        assertThatThrownBy(() -> mailet(WriteAvStatistics.MAX_RECIPIENTS, "3"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("give exactly one of");
    }

    @Test
    void initShouldRejectNumbersOutOfRange() {
        String file = temp.resolve("av.stat").toString();

        assertThatThrownBy(() -> mailet(WriteAvStatistics.FILE, file, WriteAvStatistics.MAX_RECIPIENTS, "0"))
            .isInstanceOf(MailetException.class).hasMessageContaining("<maxRecipients>0</maxRecipients> is out of range");
        assertThatThrownBy(() -> mailet(WriteAvStatistics.FILE, file, WriteAvStatistics.QUEUE_SIZE, "many"))
            .isInstanceOf(MailetException.class).hasMessageContaining("<queueSize>many</queueSize> is not a whole number");
        assertThatThrownBy(() -> mailet(WriteAvStatistics.FILE, file, WriteAvStatistics.CONNECT_TIMEOUT, "61"))
            .isInstanceOf(MailetException.class).hasMessageContaining("<connectTimeout>61</connectTimeout>");
        assertThatThrownBy(() -> mailet(WriteAvStatistics.FILE, file, WriteAvStatistics.RETRY_INTERVAL, "0"))
            .isInstanceOf(MailetException.class).hasMessageContaining("<retryInterval>0</retryInterval>");
    }

    @Test
    void initShouldRejectUnknownParameter() {
        assertThatThrownBy(() -> mailet(WriteAvStatistics.FILE, temp.resolve("av.stat").toString(), "target", "x"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("Unexpected init parameters found: [target]");
    }
}
