package org.smtpgw.mailets.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.eventlog.EventLines;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.Scanned;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;
import org.smtpgw.mailets.objects.ActOnObjects;
import org.smtpgw.scanner.builtin.EicarVariant;

class NotifyTest {
    private static final String ADMIN = "av-admin@gw.example";

    @TempDir
    Path temp;

    private Scanned scanned;
    private FakeMailContext context;

    @BeforeEach
    void setUp() throws Exception {
        scanned = Scanned.with(temp);
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@gw.example")).build();
    }

    private Notify notify(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("Notify").mailetContext(context)
            .setProperty(Notify.ADMIN_ADDRESS, ADMIN)
            .setProperty(Notify.FROM, "smtpgw@gw.example")
            .setProperty(Notify.HOSTNAME, "gw1.example");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        Notify notify = new Notify();
        notify.init(config.build());
        return notify;
    }

    private static String infected(String subject) {
        return TestMessages.multipart(subject, "body", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar())));
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            return (String) multipart.getBodyPart(0).getContent();
        }
        return (String) content;
    }

    @Test
    void adminShouldGetNotificationFromTheDefaultTemplate() throws Exception {
        Mail mail = scanned.mail(infected("quarterly report"));

        notify(Notify.TO, "admin", Notify.STATUSES, "infected").service(mail);

        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail sent = context.getSentMails().get(0);
        assertThat(sent.getRecipients()).containsExactly(new MailAddress(ADMIN));
        assertThat(sent.getSender()).isEqualTo(new MailAddress("smtpgw@gw.example"));
        assertThat(sent.getState()).isEqualTo(Notify.DEFAULT_PROCESSOR);
        MimeMessage message = sent.getMsg();
        assertThat(message.getSubject()).isEqualTo("[smtpgw] clean, infected message from sender@example.org");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getHeader(Notifications.KIND_HEADER)).containsExactly("admin");
        assertThat(text(message)).contains("quarterly report").contains("<test-1@example.org>")
            .contains("rcpt@example.com, other@example.com").contains("gw1.example")
            .contains("2 \"eicar.com\": infected (EICAR-Test-File)").contains("Group:       policy");
        assertThat(mail.getState()).isEqualTo("group-policy");
    }

    @Test
    void objectsListShouldShowTheActionTaken() throws Exception {
        Mail mail = scanned.mail(infected("x"));
        ActOnObjects act = new ActOnObjects();
        act.init(FakeMailetConfig.builder().mailetName("ActOnObjects").setProperty(ActOnObjects.HOSTNAME, "gw1.example").setProperty(ActOnObjects.ACTION_INFECTED, "remove").build());
        act.service(mail);

        notify(Notify.TO, "admin", Notify.STATUSES, "all").service(mail);

        assertThat(text(context.getSentMails().get(0).getMsg())).contains("infected (EICAR-Test-File), action: remove");
    }

    @Test
    void attachOriginalShouldAttachTheUnchangedMessage() throws Exception {
        Mail mail = scanned.mail(infected("x"));
        ActOnObjects act = new ActOnObjects();
        act.init(FakeMailetConfig.builder().mailetName("ActOnObjects").setProperty(ActOnObjects.HOSTNAME, "gw1.example").setProperty(ActOnObjects.ACTION_INFECTED, "remove").build());
        act.service(mail);

        notify(Notify.TO, "admin", Notify.STATUSES, "infected", Notify.ATTACH_ORIGINAL, "true").service(mail);

        MimeMessage notification = TestMessages.parse(org.smtpgw.mailets.scan.MessageBytes.of(context.getSentMails().get(0).getMsg()));
        Multipart parts = (Multipart) notification.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(1).isMimeType("message/rfc822")).isTrue();
        MimeMessage original = (MimeMessage) parts.getBodyPart(1).getContent();
        Multipart originalParts = (Multipart) original.getContent();
        assertThat(originalParts.getCount()).isEqualTo(2);
        assertThat(originalParts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(TestMessages.eicar());
    }

    @Test
    void senderShouldBeNotifiedAtTheEnvelopeSender() throws Exception {
        Mail mail = scanned.mailFrom("real-sender@example.org", infected("x"));

        notify(Notify.TO, "sender", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(new MailAddress("real-sender@example.org"));
    }

    @Test
    void eachRecipientShouldGetANotificationOfTheirOwn() throws Exception {
        Mail mail = scanned.mail(infected("x"));

        notify(Notify.TO, "recipients", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).hasSize(2);
        assertThat(context.getSentMails()).flatExtracting(FakeMailContext.SentMail::getRecipients)
            .containsExactlyInAnyOrder(new MailAddress("rcpt@example.com"), new MailAddress("other@example.com"));
        for (FakeMailContext.SentMail sent : context.getSentMails()) {
            assertThat(sent.getRecipients()).hasSize(1);
            assertThat(sent.getMsg().getHeader("To")).containsExactly(sent.getRecipients().iterator().next().asString());
        }
    }

    @Test
    void nullSenderShouldNeverBeNotified() throws Exception {
        Mail mail = scanned.mailFrom("", infected("x"));

        notify(Notify.TO, "sender", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void ourOwnNotificationsShouldNeverBeNotifiedAbout() throws Exception {
        String notification = infected("x").replace("MIME-Version: 1.0\r\n",
            "MIME-Version: 1.0\r\n" + Notifications.KIND_HEADER + ": admin\r\n");
        Mail mail = scanned.mail(notification);

        notify(Notify.TO, "admin", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void autoSubmittedMailShouldNotBeNotifiedAbout() throws Exception {
        Mail mail = scanned.mail(infected("x").replace("MIME-Version: 1.0\r\n",
            "MIME-Version: 1.0\r\nAuto-Submitted: auto-replied\r\n"));

        notify(Notify.TO, "recipients", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void autoSubmittedNoShouldStillBeNotifiedAbout() throws Exception {
        Mail mail = scanned.mail(infected("x").replace("MIME-Version: 1.0\r\n",
            "MIME-Version: 1.0\r\nAuto-Submitted: no\r\n"));

        notify(Notify.TO, "admin", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void deliveryStatusNotificationShouldNotBeNotifiedAbout() throws Exception {
        String dsn = infected("Undelivered").replace("multipart/mixed;", "multipart/report; report-type=delivery-status;");
        Mail mail = scanned.mailFrom("", dsn);

        notify(Notify.TO, "admin", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void mailWithoutWantedStatusShouldNotBeNotifiedAbout() throws Exception {
        Mail mail = scanned.mail(infected("x"));

        notify(Notify.TO, "admin", Notify.STATUSES, "suspicious,error").service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void crlfInSubjectShouldNotInjectHeadersIntoTheNotification() throws Exception {
        String crafted = infected("=?UTF-8?Q?hi=0D=0ABcc:_victim@example.net?=");
        Mail mail = scanned.mail(crafted);

        notify(Notify.TO, "sender", Notify.STATUSES, "all").service(mail);

        MimeMessage sent = TestMessages.parse(org.smtpgw.mailets.scan.MessageBytes.of(context.getSentMails().get(0).getMsg()));
        assertThat(sent.getHeader("Bcc")).isNull();
        assertThat(sent.getSubject()).isEqualTo("Your message \"hi  Bcc: victim@example.net\" was checked for viruses");
        assertThat(text(sent)).contains("Subject:    hi  Bcc: victim@example.net\n");
    }

    @Test
    void customTemplateShouldBeUsedWithItsSubject() throws Exception {
        Path template = Files.writeString(temp.resolve("t.txt"), "Subject: Virus ${virusNames} for ${recipients}\n\nBody: ${statuses}\n");
        Mail mail = scanned.mail(TestMessages.multipart("s", "b", List.of(
            new Attachment("w.com", "application/octet-stream", EicarVariant.SUSPICIOUS_MODIFIED.testFile()))));

        notify(Notify.TO, "admin", Notify.STATUSES, "suspicious", Notify.TEMPLATE, template.toString()).service(mail);

        MimeMessage sent = context.getSentMails().get(0).getMsg();
        assertThat(sent.getSubject()).isEqualTo("Virus EICAR-Test-File.modified for rcpt@example.com, other@example.com");
        assertThat(text(sent)).isEqualTo("Body: clean, suspicious\n");
    }

    @Test
    void unscannedMailShouldNotBeNotifiedAbout() throws Exception {
        Mail mail = org.apache.mailet.base.test.FakeMail.builder().name("m").sender("a@b.example").recipients("c@d.example")
            .mimeMessage(TestMessages.parse(TestMessages.plain("x", "y"))).build();

        notify(Notify.TO, "admin", Notify.STATUSES, "all").service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void initShouldRequireAdminAddressForAdmin() {
        Notify notify = new Notify();

        assertThatThrownBy(() -> notify.init(FakeMailetConfig.builder().mailetName("Notify")
            .setProperty(Notify.TO, "admin").setProperty(Notify.STATUSES, "all").build()))
            .isInstanceOf(MailetException.class).hasMessageContaining("adminAddress");
    }

    @Test
    void initShouldRefuseUnknownTo() {
        assertThatThrownBy(() -> notify(Notify.TO, "postmaster", Notify.STATUSES, "all"))
            .isInstanceOf(MailetException.class).hasMessageContaining("postmaster").hasMessageContaining("recipients");
    }

    @Test
    void initShouldRefuseTemplateWithUnknownMacro() throws Exception {
        Path template = Files.writeString(temp.resolve("t.txt"), "Hello ${recipient}");

        assertThatThrownBy(() -> notify(Notify.TO, "admin", Notify.STATUSES, "all", Notify.TEMPLATE, template.toString()))
            .isInstanceOf(MailetException.class).hasMessageContaining("${recipient}");
    }

    @Test
    void initShouldRefuseInvalidFromAddress() {
        assertThatThrownBy(() -> notify(Notify.TO, "admin", Notify.STATUSES, "all", Notify.FROM, "no at sign"))
            .isInstanceOf(MailetException.class).hasMessageContaining("from");
    }

    @Test
    void defaultTemplatesShouldLoad() throws Exception {
        for (String to : List.of("admin", "sender", "recipients")) {
            assertThat(notify(Notify.TO, to, Notify.STATUSES, "all").config().template().hasSubject()).as(to).isTrue();
        }
    }

    @Test
    void notificationShouldNameTheEnvelopeIdOfTheMailAsReceived() throws Exception {
        Mail mail = scanned.mail(infected("x"));
        mail.setName("Mail7-!1234567");

        notify(Notify.TO, "admin", Notify.STATUSES, "infected").service(mail);

        assertThat(context.getSentMails().get(0).getMsg().getHeader(EventLines.SOURCE_ID_HEADER))
            .containsExactly("Mail7");
    }
}
