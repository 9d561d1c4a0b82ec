package org.smtpgw.mailets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.TestDatabase;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;
import org.smtpgw.mailets.headers.VirusHeaders;
import org.smtpgw.mailets.message.Backup;
import org.smtpgw.mailets.message.Block;
import org.smtpgw.mailets.message.Quarantine;
import org.smtpgw.mailets.notify.Notify;
import org.smtpgw.mailets.objects.ActOnObjects;
import org.smtpgw.mailets.scan.Scan;
import org.smtpgw.mailets.scan.ScanEngineRegistry;
import org.smtpgw.scanner.builtin.EicarVariant;

/**
 * The mailets of one group processor, in the order docs/mailets.md gives (Scan, ActOnObjects, Backup, Notify,
 * Quarantine, Block, VirusHeaders), run one after the other on one mail as the container would: each later mailet
 * still sees the original and the actions taken.
 */
class GroupProcessorOrderTest {
    private static final String BACKUP = "memory://var/smtpgw/backup/";
    private static final String QUARANTINE = "memory://var/smtpgw/quarantine/";

    @TempDir
    Path temp;

    private FakeMailContext context;
    private TestDatabase database;
    private final MailRepository backup = new MemoryMailRepository();
    private final MailRepository quarantine = new MemoryMailRepository();

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@gw.example")).build();
        database = TestDatabase.create(temp);
    }

    private List<Mailet> processor(String blockStatuses, String quarantineStatuses) throws Exception {
        org.apache.james.mailrepository.api.MailRepositoryStore store = new SingleRepositories(backup, quarantine,
            MailRepositoryUrl.from(BACKUP), MailRepositoryUrl.from(QUARANTINE));
        Scan scan = new Scan(new ScanEngineRegistry());
        scan.init(config("Scan")
            .setProperty(Scan.DATABASE_PATH, database.directory().toString())
            .setProperty(Scan.TRUSTED_KEYS, database.publicKey().toString())
            .setProperty(Scan.CURE, "true").build());
        ActOnObjects act = new ActOnObjects();
        act.init(config("ActOnObjects").setProperty(ActOnObjects.ACTION_INFECTED, "placeholder")
            .setProperty(ActOnObjects.ACTION_DISINFECTED, "cure").setProperty(ActOnObjects.HOSTNAME, "gw1.example").build());
        Backup backupMailet = new Backup(store);
        backupMailet.init(config("Backup").setProperty(Backup.STATUSES, "all").setProperty(Backup.REPOSITORY_URL, BACKUP).build());
        Notify admin = new Notify();
        admin.init(config("Notify").setProperty(Notify.TO, "admin").setProperty(Notify.STATUSES, "all")
            .setProperty(Notify.ADMIN_ADDRESS, "av-admin@gw.example").setProperty(Notify.ATTACH_ORIGINAL, "true")
            .setProperty(Notify.HOSTNAME, "gw1.example").build());
        Quarantine quarantineMailet = new Quarantine(store);
        quarantineMailet.init(config("Quarantine").setProperty(Quarantine.STATUSES, quarantineStatuses)
            .setProperty(Quarantine.REPOSITORY_URL, QUARANTINE).build());
        Block block = new Block();
        block.init(config("Block").setProperty(Block.STATUSES, blockStatuses).build());
        VirusHeaders headers = new VirusHeaders();
        headers.init(config("VirusHeaders").setProperty(VirusHeaders.HOSTNAME, "gw1.example").build());
        return List.of(scan, act, backupMailet, admin, quarantineMailet, block, headers);
    }

    private FakeMailetConfig.Builder config(String name) {
        return FakeMailetConfig.builder().mailetName(name).mailetContext(context);
    }

    /** Runs the mailets until one ghosts the mail, as a processor does. */
    private static void run(List<Mailet> mailets, Mail mail) throws MessagingException {
        for (Mailet mailet : mailets) {
            mailet.service(mail);
            if (Mail.GHOST.equals(mail.getState())) {
                return;
            }
        }
    }

    private static Mail mail(String rfc822) throws MessagingException {
        return FakeMail.builder().name("m1").sender("sender@example.org").recipients("rcpt@example.com")
            .state("group-policy").mimeMessage(TestMessages.parse(rfc822)).build();
    }

    private static String twoViruses() {
        return TestMessages.multipart("two", "body", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar()),
            new Attachment("cure.com", "application/octet-stream", EicarVariant.CURABLE.testFile())));
    }

    private static MimeMessage reparsed(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return TestMessages.parse(out.toByteArray());
    }

    @Test
    void deliveredCopyShouldBeActedOnWhileBackupAndAdminGetTheOriginal() throws Exception {
        Mail mail = mail(twoViruses());

        run(processor("", ""), mail);

        assertThat(mail.getState()).isEqualTo("group-policy");
        MimeMessage delivered = reparsed(mail.getMessage());
        Multipart parts = (Multipart) delivered.getContent();
        assertThat(parts.getBodyPart(1).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(EicarVariant.CURED_CONTENT);
        assertThat(delivered.getHeader(VirusHeaders.STATUS_HEADER)[0]).startsWith("infected, disinfected, clean");

        Mail backedUp = backup.retrieve(backup.list().next());
        Multipart original = (Multipart) backedUp.getMessage().getContent();
        assertThat(original.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(TestMessages.eicar());

        FakeMailContext.SentMail notification = context.getSentMails().get(0);
        String text = (String) ((Multipart) notification.getMsg().getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("action: placeholder").contains("action: cure");
        MimeMessage attached = (MimeMessage) ((Multipart) reparsed(notification.getMsg()).getContent()).getBodyPart(1).getContent();
        assertThat(((Multipart) attached.getContent()).getBodyPart(2).getInputStream().readAllBytes())
            .isEqualTo(EicarVariant.CURABLE.testFile());
    }

    @Test
    void quarantinedMailShouldStillBeNotifiedAboutAndNotDelivered() throws Exception {
        Mail mail = mail(twoViruses());

        run(processor("", "infected"), mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(quarantine.size()).isEqualTo(1);
        Mail quarantined = quarantine.retrieve(quarantine.list().next());
        assertThat(((Multipart) quarantined.getMessage().getContent()).getBodyPart(1).getInputStream().readAllBytes())
            .isEqualTo(TestMessages.eicar());
    }

    @Test
    void blockedMailShouldStillBeNotifiedAboutAndNotDelivered() throws Exception {
        Mail mail = mail(twoViruses());

        run(processor("infected", ""), mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(quarantine.size()).isZero();
    }
}
