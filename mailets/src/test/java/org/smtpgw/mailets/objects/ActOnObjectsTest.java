package org.smtpgw.mailets.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.Scanned;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.builtin.EicarVariant;

class ActOnObjectsTest {
    @TempDir
    Path temp;

    private Scanned scanned;

    @BeforeEach
    void setUp() throws Exception {
        scanned = Scanned.with(temp);
    }

    private static ActOnObjects mailet(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ActOnObjects")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty(ActOnObjects.HOSTNAME, "gw1.example");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        ActOnObjects mailet = new ActOnObjects();
        mailet.init(config.build());
        return mailet;
    }

    private static String infectedMail() {
        return TestMessages.multipart("report", "see attachment", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar()),
            new Attachment("notes.txt", "text/plain", "fine".getBytes(StandardCharsets.US_ASCII))));
    }

    /** What a receiver gets: the message written out and parsed again. */
    private static MimeMessage reparsed(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return TestMessages.parse(out.toByteArray());
    }

    private static Multipart parts(MimeMessage message) throws Exception {
        return (Multipart) message.getContent();
    }

    private static String text(Part part) throws Exception {
        return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void removeShouldTakeInfectedPartOutAndKeepTheRestAndTheHeaders() throws Exception {
        Mail mail = scanned.mail(infectedMail());

        mailet(ActOnObjects.ACTION_INFECTED, "remove").service(mail);

        MimeMessage delivered = reparsed(mail);
        assertThat(delivered.getMessageID()).isEqualTo("<test-1@example.org>");
        assertThat(delivered.getSubject()).isEqualTo("report");
        Multipart parts = parts(delivered);
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(text(parts.getBodyPart(0))).contains("see attachment");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("notes.txt");
        assertThat(VerdictAttributes.read(mail).orElseThrow().actions()).containsExactly(java.util.Map.entry("2", "remove"));
    }

    @Test
    void serviceShouldNotChangeTheMessageObjectOtherCopiesMayShare() throws Exception {
        Mail mail = scanned.mail(infectedMail());
        MimeMessage before = mail.getMessage();

        mailet(ActOnObjects.ACTION_INFECTED, "remove").service(mail);

        assertThat(parts(before).getCount()).isEqualTo(3);
        assertThat(parts(mail.getMessage()).getCount()).isEqualTo(2);
    }

    @Test
    void changedMessageShouldKeepTheOriginalForLaterMailets() throws Exception {
        String rfc822 = infectedMail();
        Mail mail = scanned.mail(rfc822);

        mailet(ActOnObjects.ACTION_INFECTED, "remove").service(mail);

        MimeMessage original = TestMessages.parse(VerdictAttributes.original(mail).orElseThrow());
        assertThat(parts(original).getCount()).isEqualTo(3);
        assertThat(parts(original).getBodyPart(1).getFileName()).isEqualTo("eicar.com");
    }

    @Test
    void keepOriginalFalseShouldNotKeepIt() throws Exception {
        Mail mail = scanned.mail(infectedMail());

        mailet(ActOnObjects.ACTION_INFECTED, "remove", ActOnObjects.KEEP_ORIGINAL, "false").service(mail);

        assertThat(VerdictAttributes.original(mail)).isEmpty();
    }

    @Test
    void passShouldLeaveTheMessageAlone() throws Exception {
        Mail mail = scanned.mail(infectedMail());
        byte[] before = org.smtpgw.mailets.scan.MessageBytes.of(mail.getMessage());

        mailet().service(mail);

        assertThat(org.smtpgw.mailets.scan.MessageBytes.of(mail.getMessage())).isEqualTo(before);
        assertThat(VerdictAttributes.original(mail)).isEmpty();
        assertThat(VerdictAttributes.read(mail).orElseThrow().actions()).containsEntry("2", "pass");
    }

    @Test
    void placeholderShouldReplaceInfectedPartWithTextFromTheTemplate() throws Exception {
        Mail mail = scanned.mail(infectedMail());

        mailet(ActOnObjects.ACTION_INFECTED, "placeholder").service(mail);

        Multipart parts = parts(reparsed(mail));
        assertThat(parts.getCount()).isEqualTo(3);
        Part placeholder = parts.getBodyPart(1);
        assertThat(placeholder.isMimeType("text/plain")).isTrue();
        assertThat(placeholder.getFileName()).isEqualTo("eicar.com.txt");
        assertThat(text(placeholder)).contains("\"eicar.com\"").contains("infected").contains(EicarVariant.VIRUS_NAME)
            .contains("gw1.example");
        assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("notes.txt");
    }

    @Test
    void placeholderShouldUseTheConfiguredTemplate() throws Exception {
        Path template = Files.writeString(temp.resolve("ph.txt"), "Removed ${name}: ${status} (${virusNames}), $$5");
        Mail mail = scanned.mail(infectedMail());

        mailet(ActOnObjects.ACTION_INFECTED, "placeholder", ActOnObjects.PLACEHOLDER_TEMPLATE, template.toString())
            .service(mail);

        assertThat(text(parts(reparsed(mail)).getBodyPart(1)))
            .isEqualTo("Removed eicar.com: infected (" + EicarVariant.VIRUS_NAME + "), $5");
    }

    @Test
    void cureShouldReplaceDisinfectedPartWithCuredContentKeepingItsHeaders() throws Exception {
        Mail mail = scanned.curedMail(TestMessages.multipart("cure", "body", List.of(
            new Attachment("cure.com", "application/octet-stream", TestMessages.variant(EicarVariant.CURABLE)))));

        mailet(ActOnObjects.ACTION_DISINFECTED, "cure").service(mail);

        Part cured = parts(reparsed(mail)).getBodyPart(1);
        assertThat(cured.getFileName()).isEqualTo("cure.com");
        assertThat(cured.getInputStream().readAllBytes()).isEqualTo(EicarVariant.CURED_CONTENT);
        assertThat(VerdictAttributes.read(mail).orElseThrow().actions()).containsEntry("2", "cure");
        assertThat(VerdictAttributes.read(mail).orElseThrow().verdict().object("2").orElseThrow().curedContent())
            .as("cured content is not carried on").isEmpty();
    }

    @Test
    void cureShouldReachIntoAnAttachedMessage() throws Exception {
        String inner = TestMessages.multipart("inner", "inner body", List.of(
            new Attachment("cure.com", "application/octet-stream", TestMessages.variant(EicarVariant.CURABLE))));
        Mail mail = scanned.curedMail(TestMessages.withAttachedMessage(inner));

        mailet(ActOnObjects.ACTION_DISINFECTED, "cure").service(mail);

        MimeMessage delivered = reparsed(mail);
        assertThat(delivered.getMessageID()).isEqualTo("<outer-1@example.org>");
        MimeMessage attached = (MimeMessage) parts(delivered).getBodyPart(1).getContent();
        assertThat(attached.getMessageID()).isEqualTo("<test-1@example.org>");
        Part cured = parts(attached).getBodyPart(1);
        assertThat(cured.getFileName()).isEqualTo("cure.com");
        assertThat(cured.getInputStream().readAllBytes()).isEqualTo(EicarVariant.CURED_CONTENT);
    }

    @Test
    void objectInsideArchiveShouldBeActedOnThroughItsTopLevelPart() throws Exception {
        Mail mail = scanned.mail(TestMessages.multipart("zip", "body", List.of(
            new Attachment("files.zip", "application/zip", TestMessages.zip("a/eicar.com", TestMessages.eicar())))));

        mailet(ActOnObjects.ACTION_INFECTED, "remove").service(mail);

        Multipart parts = parts(reparsed(mail));
        assertThat(parts.getCount()).isEqualTo(1);
        assertThat(VerdictAttributes.read(mail).orElseThrow().actions())
            .containsEntry("2", "remove").containsEntry("2/a/eicar.com", "remove");
    }

    @Test
    void objectInsideAttachedMessageShouldBeActedOnThroughItsTopLevelPart() throws Exception {
        String inner = TestMessages.multipart("inner", "inner body", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar())));
        Mail mail = scanned.mail(TestMessages.withAttachedMessage(inner));

        mailet(ActOnObjects.ACTION_INFECTED, "placeholder").service(mail);

        Multipart parts = parts(reparsed(mail));
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(1).isMimeType("text/plain")).isTrue();
        assertThat(text(parts.getBodyPart(1))).contains("infected");
    }

    @Test
    void removeShouldLeaveEmptyTextBodyForInfectedSinglePartMessage() throws Exception {
        Mail mail = scanned.mail(TestMessages.plain("plain", EicarVariant.EICAR));

        mailet(ActOnObjects.ACTION_INFECTED, "remove").service(mail);

        MimeMessage delivered = reparsed(mail);
        assertThat(delivered.getSubject()).isEqualTo("plain");
        assertThat(delivered.getMessageID()).isEqualTo("<plain-1@example.org>");
        assertThat(delivered.isMimeType("text/plain")).isTrue();
        assertThat(text(delivered)).isEmpty();
    }

    @Test
    void removingEveryPartShouldLeaveAnEmptyTextPart() throws Exception {
        String onlyAttachment = TestMessages.multipart("only", "x", List.of()).replace(
            "Content-Type: text/plain; charset=us-ascii\r\n\r\nx\r\n",
            "Content-Type: application/octet-stream; name=\"e.com\"\r\n\r\n" + EicarVariant.EICAR + "\r\n");
        Mail mail = scanned.mail(onlyAttachment);

        mailet(ActOnObjects.ACTION_INFECTED, "remove").service(mail);

        Multipart parts = parts(reparsed(mail));
        assertThat(parts.getCount()).isEqualTo(1);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(text(parts.getBodyPart(0))).isEmpty();
    }

    @Test
    void serviceShouldThrowRatherThanPassWhenThePartToActOnIsNotThere() throws Exception {
        Mail mail = FakeMail.builder().name("m").state("group-policy")
            .mimeMessage(TestMessages.parse(TestMessages.multipart("x", "body", List.of()))).build();
        VerdictAttributes.store(mail, new org.smtpgw.scanner.model.MessageVerdict(List.of(
            new org.smtpgw.scanner.model.ScannedObject(org.smtpgw.scanner.model.ObjectPath.ofPart("5"),
                java.util.Optional.of("ghost.com"), "application/octet-stream", "application/octet-stream",
                org.smtpgw.scanner.ObjectStatus.INFECTED, List.of("X"), java.util.Optional.empty(), 1,
                java.util.Optional.empty()))), "policy", "test");

        assertThatThrownBy(() -> mailet(ActOnObjects.ACTION_INFECTED, "remove").service(mail))
            .isInstanceOf(MailetException.class).hasMessageContaining("part 5").hasMessageContaining("remove");
    }

    @Test
    void filteredWithCureShouldPass() throws Exception {
        ActOnObjects mailet = mailet(ActOnObjects.ACTION_FILTERED, "cure");

        assertThat(mailet.config().actionFor(org.smtpgw.scanner.ObjectStatus.FILTERED)).isEqualTo(ObjectAction.PASS);
    }

    @Test
    void serviceShouldThrowForMailWithoutVerdict() throws Exception {
        Mail mail = FakeMail.builder().name("m").mimeMessage(TestMessages.parse(TestMessages.plain("x", "y"))).build();

        assertThatThrownBy(() -> mailet().service(mail)).isInstanceOf(MailetException.class)
            .hasMessageContaining("no scan verdict");
    }

    @Test
    void initShouldRefuseCureForInfected() {
        assertThatThrownBy(() -> mailet(ActOnObjects.ACTION_INFECTED, "cure")).isInstanceOf(MailetException.class)
            .hasMessageContaining("actionInfected").hasMessageContaining("cure").hasMessageContaining("placeholder");
    }

    @Test
    void initShouldRefuseUnknownAction() {
        assertThatThrownBy(() -> mailet(ActOnObjects.ACTION_SUSPICIOUS, "delete")).isInstanceOf(MailetException.class)
            .hasMessageContaining("actionSuspicious").hasMessageContaining("delete");
    }

    @Test
    void initShouldRefuseTemplateWithUnknownMacro() throws Exception {
        Path template = Files.writeString(temp.resolve("bad.txt"), "Removed ${nmae}");

        assertThatThrownBy(() -> mailet(ActOnObjects.PLACEHOLDER_TEMPLATE, template.toString()))
            .isInstanceOf(MailetException.class).hasMessageContaining("${nmae}").hasMessageContaining("bad.txt");
    }

    @Test
    void initShouldRefuseMissingTemplateFile() {
        assertThatThrownBy(() -> mailet(ActOnObjects.PLACEHOLDER_TEMPLATE, temp.resolve("none.txt").toString()))
            .isInstanceOf(MailetException.class).hasMessageContaining("none.txt");
    }

    @Test
    void initShouldRefuseUnknownParameter() {
        assertThatThrownBy(() -> mailet("actionInfection", "remove")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("actionInfection");
    }
}
