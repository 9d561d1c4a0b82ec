package org.smtpgw.mailets.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.mailets.eventlog.TestMails.object;
import static org.smtpgw.mailets.eventlog.TestMails.scanned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.scanner.ObjectStatus;

import com.google.common.collect.ImmutableMap;

class LogEventTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T14:05:09Z"), ZoneOffset.UTC);
    private static final String PREFIX = "[28/11/26 14:05:09 A] ";

    @TempDir
    Path temp;
    Path file;
    EventLogRegistry registry;

    @BeforeEach
    void setUp() {
        file = temp.resolve("smtpgw.log");
        registry = new EventLogRegistry(CLOCK);
    }

    private LogEvent mailet(String event, String... more) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("LogEvent")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty(LogEvent.EVENT, event)
            .setProperty(LogEvent.LOG_FILE, file.toString());
        for (int i = 0; i < more.length; i += 2) {
            config.setProperty(more[i], more[i + 1]);
        }
        LogEvent mailet = new LogEvent(registry);
        mailet.init(config.build());
        return mailet;
    }

    private List<String> lines() throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void receivedLineDescribesTheEnvelopeTheClientAndTheMessage() throws Exception {
        Mail mail = TestMails.mail("Mail1764338709").build();

        mailet("RECEIVED").service(mail);

        assertThat(lines()).containsExactly(PREFIX + "Mail1764338709: RECEIVED, from=<sender@example.org>, nrcpt=2, size="
            + mail.getMessageSize() + ", client=[192.0.2.7], helo=<helo.example.org>, message_id=<msg-1@example.org>,"
            + " flags=E");
    }

    @Test
    void receivedFlagsShowDsnRequestsAndPlainSmtp() throws Exception {
        Mail mail = FakeMail.builder().name("Mail2").sender("sender@example.org").recipient("rcpt@example.com")
            .remoteAddr("192.0.2.8")
            .mimeMessage(TestMails.message("Received: from c.example (HELO c.example) ([192.0.2.8]) by gw"
                + " (JAMES SMTP Server ) with SMTP ID 1; Sat, 28 Nov 2026 14:00:00 +0000\r\n"))
            .build();
        mail.setDsnParameters(DsnParameters.of(java.util.Optional.empty(), java.util.Optional.empty(),
            ImmutableMap.of(new MailAddress("rcpt@example.com"),
                DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.FAILURE))))
            .orElseThrow());

        mailet("RECEIVED").service(mail);

        assertThat(lines()).singleElement().asString()
            .contains("helo=<c.example>")
            .endsWith(", flags=D");
    }

    @Test
    void receivedFromTheNullSenderWithoutReceivedHeader() throws Exception {
        Mail mail = FakeMail.builder().name("Mail3").sender(org.apache.james.core.MaybeSender.nullSender())
            .recipient("rcpt@example.com").remoteAddr("192.0.2.9").mimeMessage(TestMails.message("")).build();

        mailet("RECEIVED").service(mail);

        assertThat(lines()).singleElement().asString()
            .contains("RECEIVED, from=<>, nrcpt=1,")
            .contains("helo=<>")
            .endsWith("flags=");
    }

    @Test
    void scannedLineGivesGroupStatusesMostSevereFirstAndVirusNames() throws Exception {
        Mail mail = scanned(TestMails.mail("Mail1-!1234567").build(), "lawyers",
            object("1", ObjectStatus.CLEAN),
            object("2", ObjectStatus.INFECTED, "EICAR-Test-File"),
            object("3", ObjectStatus.SUSPICIOUS, "SUSP-Test"));

        mailet("SCANNED").service(mail);

        assertThat(lines()).containsExactly(PREFIX + "Mail1-!1234567: SCANNED, group=<lawyers>, nrcpt=2,"
            + " status=\"infected, suspicious, clean\", srcid=Mail1, names=\"EICAR-Test-File, SUSP-Test\"");
    }

    @Test
    void scannedWritesNothingForAMailWithoutVerdict() throws Exception {
        mailet("SCANNED").service(TestMails.mail("Mail1").build());

        assertThat(lines()).isEmpty();
    }

    @Test
    void splittedIsWrittenForACopyJamesMadeOnly() throws Exception {
        LogEvent mailet = mailet("SPLITTED");
        Mail copy = FakeMail.builder().name("Mail1-!7654321").sender("sender@example.org")
            .recipients("a@example.com", "b@example.com", "c@example.net")
            .mimeMessage(TestMails.message("")).build();

        mailet.service(TestMails.mail("Mail1").build());
        mailet.service(copy);

        assertThat(lines()).containsExactly(PREFIX
            + "Mail1-!7654321: SPLITTED, domain=<example.com,example.net>, nrcpt=3, srcid=Mail1");
    }

    @Test
    void notifyLineNamesWhoIsToldFromTheNotificationsHeader() throws Exception {
        Mail notification = FakeMail.builder().name("Mail9").sender("smtpgw@example.com")
            .recipients("a@example.com", "b@example.com")
            .mimeMessage(TestMails.message("X-Smtpgw-Notification: recipients\r\nX-Smtpgw-Source-Id: Mail1\r\n"))
            .build();

        mailet("NOTIFY").service(notification);

        assertThat(lines()).containsExactly(PREFIX + "Mail9: NOTIFY, notify=recipient, nrcpt=2, size="
            + notification.getMessageSize() + ", srcid=Mail1");
    }

    @Test
    void notifyWithoutSourceHeaderWritesADash() throws Exception {
        Mail notification = FakeMail.builder().name("Mail9").sender("smtpgw@example.com").recipient("admin@example.com")
            .mimeMessage(TestMails.message("X-Smtpgw-Notification: admin\r\n")).build();

        mailet("NOTIFY").service(notification);

        assertThat(lines()).singleElement().asString().contains("NOTIFY, notify=admin, nrcpt=1,").endsWith("srcid=-");
    }

    @Test
    void deliveredLineForEachRecipientWithServerAndStatus() throws Exception {
        Mail mail = TestMails.mail("Mail1").build();

        mailet("DELIVERED", LogEvent.SERVER, "10.0.0.5").service(mail);
        mailet("DELIVERED", LogEvent.STATUS, "failed").service(mail);

        long size = mail.getMessageSize();
        assertThat(lines()).containsExactly(
            PREFIX + "Mail1: DELIVERED, rcpt=<rcpt@example.com>, server=10.0.0.5, size=" + size + ", status=sent",
            PREFIX + "Mail1: DELIVERED, rcpt=<other@example.net>, server=10.0.0.5, size=" + size + ", status=sent",
            PREFIX + "Mail1: DELIVERED, rcpt=<rcpt@example.com>, server=-, size=" + size + ", status=failed",
            PREFIX + "Mail1: DELIVERED, rcpt=<other@example.net>, server=-, size=" + size + ", status=failed");
    }

    @Test
    void blockedLineForEachRecipient() throws Exception {
        Mail mail = TestMails.mail("Mail1-!1111111").build();

        mailet("BLOCKED").service(mail);

        long size = mail.getMessageSize();
        assertThat(lines()).containsExactly(
            PREFIX + "Mail1-!1111111: BLOCKED, rcpt=rcpt@example.com, size=" + size,
            PREFIX + "Mail1-!1111111: BLOCKED, rcpt=other@example.net, size=" + size);
    }

    @Test
    void mailGoesOnUnlessPassThroughIsFalse() throws Exception {
        Mail kept = TestMails.mail("Mail1").state("root").build();
        Mail ghosted = TestMails.mail("Mail2").state("root").build();

        mailet("RECEIVED").service(kept);
        mailet("RECEIVED", LogEvent.PASS_THROUGH, "false").service(ghosted);

        assertThat(kept.getState()).isEqualTo("root");
        assertThat(ghosted.getState()).isEqualTo(Mail.GHOST);
        assertThat(lines()).hasSize(2);
    }

    @Test
    void lineLevelAboveLogLevelIsNotWritten() throws Exception {
        mailet("RECEIVED", LogEvent.LOG_LEVEL, "3").service(TestMails.mail("Mail1").build());
        mailet("RECEIVED", LogEvent.LOG_LEVEL, "3", LogEvent.LEVEL, "I").service(TestMails.mail("Mail2").build());

        assertThat(lines()).singleElement().asString().startsWith("[28/11/26 14:05:09 I] Mail2: RECEIVED");
    }

    @Test
    void mailetsWithTheSameLogFileShareOneWriter() throws Exception {
        LogEvent received = mailet("RECEIVED");
        LogEvent blocked = mailet("BLOCKED");

        assertThat(registry.eventLog(received.config().settings()))
            .isSameAs(registry.eventLog(blocked.config().settings()));
    }

    @Test
    void withoutLogFileNothingIsWritten() throws Exception {
        LogEvent mailet = new LogEvent(registry);
        mailet.init(FakeMailetConfig.builder().mailetName("LogEvent").setProperty(LogEvent.EVENT, "RECEIVED").build());

        mailet.service(TestMails.mail("Mail1").build());

        try (var files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void badParametersStopTheServerNamingTheParameter() {
        assertThatThrownBy(() -> mailet("ARRIVED"))
            .isInstanceOf(MailetException.class)
            .hasMessageContaining("LogEvent: parameter event <event>ARRIVED</event> is not an event; expected one of"
                + " RECEIVED, SCANNED");
        assertThatThrownBy(() -> mailet("RECEIVED", LogEvent.LOG_LEVEL, "10"))
            .hasMessageContaining("parameter logLevel <logLevel>10</logLevel> is out of range; expected 1 to 9");
        assertThatThrownBy(() -> mailet("RECEIVED", LogEvent.DATE_FORMAT, "%d.%m.%k"))
            .hasMessageContaining("parameter dateFormat").hasMessageContaining("%k");
        assertThatThrownBy(() -> mailet("RECEIVED", LogEvent.LEVEL, "verbose"))
            .hasMessageContaining("parameter level <level>verbose</level> is not a level");
        assertThatThrownBy(() -> mailet("DELIVERED", LogEvent.STATUS, "ok"))
            .hasMessageContaining("parameter status <status>ok</status> is not allowed");
        assertThatThrownBy(() -> mailet("RECEIVED", "logfile", "/tmp/x"))
            .hasMessageContaining("logfile");
    }

    @Test
    void sourceIdCutsJamesSplitSuffixes() {
        assertThat(EventLines.sourceId("Mail1-!1234567-!7654321")).isEqualTo("Mail1");
        assertThat(EventLines.sourceId("Mail1")).isEqualTo("Mail1");
    }
}
