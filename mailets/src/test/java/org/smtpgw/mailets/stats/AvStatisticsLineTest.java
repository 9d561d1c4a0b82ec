package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpgw.mailets.eventlog.TestMails.object;
import static org.smtpgw.mailets.eventlog.TestMails.scanned;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.eventlog.TestMails;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

class AvStatisticsLineTest {
    private static final Instant TIME = Instant.parse("2026-11-28T14:03:03.789Z");

    private static ScanResult result(Mail mail) {
        return VerdictAttributes.read(mail).orElseThrow();
    }

    @Test
    void ofShouldGiveTheEightFieldsInTheManualsOrderSeparatedByTabs() throws Exception {
        Mail mail = scanned(TestMails.mail("m1").size(2048).build(), "default",
            object("1", ObjectStatus.CLEAN), object("2", ObjectStatus.INFECTED, "EICAR-Test-File"));

        String line = AvStatisticsLine.of(mail, result(mail), TIME, 10);

        assertThat(line).isEqualTo("2026-11-28T14:03:03Z\t2048\tsender@example.org\trcpt@example.com,other@example.net\tinfected,clean\tEICAR-Test-File"
            + "\t192.0.2.7\t<msg-1@example.org>");
    }

    @Test
    void ofShouldListStatusesMostSevereFirstAndAllVirusNames() throws Exception {
        Mail mail = scanned(TestMails.mail("m1").build(), "default",
            object("1", ObjectStatus.FILTERED), object("2", ObjectStatus.SUSPICIOUS, "Heur.A"),
            object("3", ObjectStatus.ERROR), object("4", ObjectStatus.INFECTED, "EICAR"));

        String[] fields = AvStatisticsLine.of(mail, result(mail), TIME, 10).split("\t", -1);

        assertThat(fields[4]).isEqualTo("infected,suspicious,error,filtered");
        assertThat(fields[5].split(",")).containsExactlyInAnyOrder("Heur.A", "EICAR");
    }

    @Test
    void ofShouldGiveNullSenderAsAngleBracketsAndLeaveOptionalFieldsEmpty() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream("Subject: bounce\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        Mail mail = scanned(FakeMail.builder().name("m1").recipient("rcpt@example.com").mimeMessage(message)
            .remoteAddr("192.0.2.9").build(), "default", object("1", ObjectStatus.CLEAN));

        String[] fields = AvStatisticsLine.of(mail, result(mail), TIME, 10).split("\t", -1);

        assertThat(fields).hasSize(8);
        assertThat(fields[2]).isEqualTo("<>");
        assertThat(fields[5]).isEmpty();
        assertThat(fields[6]).isEqualTo("192.0.2.9");
        assertThat(fields[7]).isEmpty();
    }

    @Test
    void ofShouldReplaceTabsAndLineEndsInValuesSoTheLineKeepsEightFields() throws Exception {
        Mail mail = scanned(TestMails.mail("m1").build(), "default",
            object("1", ObjectStatus.INFECTED, "Bad\tName\r\nInjected"));

        String line = AvStatisticsLine.of(mail, result(mail), TIME, 10);

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(line.split("\t", -1)).hasSize(8);
        assertThat(line.split("\t", -1)[5]).isEqualTo("Bad Name  Injected");
    }
}
