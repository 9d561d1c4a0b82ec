package org.smtpgw.mailets.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.TestDatabase;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.control.GatewayTasks.Task;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.matchers.verdict.VerdictAttributes;

/** {@code avir-off}: the Scan mailet treats the engine as unavailable, so mail waits in the queue. */
class ScanAntivirusTaskTest {
    @TempDir
    Path temp;

    private FakeMailContext context;
    private GatewayTasks tasks;
    private Scan scan;

    @BeforeEach
    void setUp() throws Exception {
        TestDatabase database = TestDatabase.create(temp);
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@gw.example")).build();
        GatewayStatistics statistics = new GatewayStatistics();
        tasks = new GatewayTasks(statistics);
        scan = new Scan(new ScanEngineRegistry(), statistics, tasks);
        scan.init(FakeMailetConfig.builder()
            .mailetName("Scan")
            .mailetContext(context)
            .setProperty(Scan.DATABASE_PATH, database.directory().toString())
            .setProperty(Scan.TRUSTED_KEYS, database.publicKey().toString())
            .setProperty(Scan.RETRY_DELAY, "30")
            .setProperty(Scan.OUTAGE_NOTIFY_ADDRESS, "admin@gw.example")
            .build());
    }

    private static Mail mail(String name) throws Exception {
        return FakeMail.builder().name(name).sender("sender@example.org").recipients("rcpt@example.com")
            .state("group-policy").mimeMessage(TestMessages.parse(TestMessages.plain("hello", "body"))).build();
    }

    @Test
    void mailWaitsUnscannedInTheQueueWhileTheAntivirusTaskIsStopped() throws Exception {
        tasks.stop(Task.ANTIVIRUS);
        Mail mail = mail("held");

        scan.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(VerdictAttributes.isScanned(mail)).isFalse();
        FakeMailContext.SentMail retry = context.getSentMails().stream()
            .filter(sent -> "group-policy".equals(sent.getState())).findFirst().orElseThrow();
        assertThat(retry.getDelay()).contains(new FakeMailContext.Delay(30_000, TimeUnit.MILLISECONDS));
    }

    @Test
    void adminIsToldOnceWhileTheAntivirusTaskIsStopped() throws Exception {
        tasks.stop(Task.ANTIVIRUS);

        scan.service(mail("first"));
        scan.service(mail("second"));

        MailAddress admin = new MailAddress("admin@gw.example");
        assertThat(context.getSentMails()).filteredOn(sent -> sent.getRecipients().contains(admin)).hasSize(1);
    }

    @Test
    void mailIsScannedAgainOnceTheAntivirusTaskIsStarted() throws Exception {
        tasks.stop(Task.ANTIVIRUS);
        scan.service(mail("held"));
        tasks.start(Task.ANTIVIRUS);
        Mail later = mail("later");

        scan.service(later);

        assertThat(VerdictAttributes.isScanned(later)).isTrue();
        assertThat(later.getState()).isEqualTo("group-policy");
    }
}
