package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smtpgw.it.av.Messages.EICAR;
import static org.smtpgw.it.av.Messages.base64;
import static org.smtpgw.it.av.Messages.variant;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.smtpgw.it.Closeables;
import org.smtpgw.it.SmtpSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tasks of the manual's sections 5.2.3.1 to 5.2.4.6, end to end: the packaged gateway, configured only through
 * {@code conf/smtpgw.conf}, receives EICAR variants over SMTP and relays to a downstream sink. One server serves
 * every task: each task is a {@code [smtpgw.group:NAME]} chosen by the recipient's domain, so a test also shows
 * that the groups' settings do not leak into each other.
 */
class AntiVirusTasksIT {
    static final String ADMIN = "admin@admin.test";
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String ALL_BAD = "infected,suspicious,error,protected";
    static final String[] ALL_PASS = {"ActionDisinfected=pass", "ActionInfected=pass", "ActionSuspicious=pass",
        "ActionProtected=pass", "ActionError=pass", "ActionFiltered=pass"};

    @TempDir
    static Path dir;
    static SmtpSink sink;
    static AvGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = SmtpSink.started();
        gateway = AvGateway.install(dir)
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.network", "Postmaster", "postmaster@gw.test")
            .set("smtpgw.forward", "ForwardRoute", "any [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.ave", "Cure", "yes")
            .set("smtpgw.path", "IncomingArchivePath", "var/archive/in")
            .set("smtpgw.path", "OutgoingArchivePath", "var/archive/out")
            .set("smtpgw.policy", "AdminNotifyAddress", ADMIN)
            .set("smtpgw.policy", "NotifyFromAddress", "av@gw.test")
            // 5.2.3.1 deliver unchanged, notify everybody
            .group("unchanged", concat(new String[] {"Recipients=*@unchanged.test", "BlockMessage=",
                "NotifyAdmin=" + ALL_BAD, "NotifySender=" + ALL_BAD, "NotifyRecipient=" + ALL_BAD}, ALL_PASS))
            // 5.2.3.2 deliver only clean and disinfected messages: cure, drop what cannot be cured
            .group("clean", "Recipients=*@clean.test", "ActionDisinfected=cure", "ActionInfected=remove",
                "ActionSuspicious=remove", "ActionProtected=remove", "ActionError=remove", "ActionFiltered=remove",
                "BlockMessage=" + ALL_BAD, "NotifyAdmin=all", "NotifySender=all", "NotifyRecipient=all",
                "NotifyAdminAttachOriginal=yes")
            // 5.2.3.3 remove infected attachments, deliver the rest, no notifications
            .group("remove", "Recipients=*@remove.test", "ActionDisinfected=cure", "ActionInfected=remove",
                "ActionSuspicious=remove", "ActionProtected=remove", "ActionError=remove", "ActionFiltered=remove",
                "BlockMessage=", "NotifyAdmin=", "NotifySender=", "NotifyRecipient=")
            // 5.2.3.4 placeholders
            .group("placeholder", "Recipients=*@placeholder.test", "ActionDisinfected=cure",
                "ActionInfected=placeholder", "ActionSuspicious=placeholder", "ActionProtected=placeholder",
                "ActionError=placeholder", "ActionFiltered=placeholder", "BlockMessage=", "NotifyAdmin=",
                "NotifySender=", "NotifyRecipient=")
            // 5.2.4.1 block
            .group("block", "Recipients=*@block.test", "BlockMessage=" + ALL_BAD, "NotifyAdmin=all",
                "NotifySender=all", "NotifyRecipient=all", "NotifyAdminAttachOriginal=yes")
            // 5.2.4.3 notify the three parties, original attached for the admin
            .group("notify", "Recipients=*@notify.test", "ActionDisinfected=cure", "ActionInfected=remove",
                "BlockMessage=", "NotifyAdmin=all", "NotifySender=all", "NotifyRecipient=all",
                "NotifyAdminAttachOriginal=yes")
            // 5.2.4.4 filter *.exe and block
            .group("exe", "Recipients=*@exe.test", "IncludeByName=*.exe", "ActionFiltered=remove",
                "BlockMessage=filtered," + ALL_BAD, "NotifyAdmin=all", "NotifySender=all", "NotifyRecipient=all",
                "NotifyAdminAttachOriginal=yes")
            // 5.2.4.5 quarantine suspicious, back up infected
            .group("quarantine", "Recipients=*@quarantine.test", "QuarantinePath=var/quarantine-suspicious",
                "QuarantineStatus=suspicious", "BackupPath=var/backup-infected", "BackupStatus=infected",
                "ActionInfected=remove", "BlockMessage=", "NotifyAdmin=all", "NotifySender=", "NotifyRecipient=all")
            .start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    // ------------------------------------------------------------------------------------------ 5.2.3 main tasks

    @Test
    void task5231DeliversInfectedMailUnchangedAndNotifiesSenderRecipientAndAdmin() throws Exception {
        String subject = "task-5231-unchanged";
        gateway.send("s5231@client.test", List.of("bob@unchanged.test"),
            Messages.plain("s5231@client.test", "bob@unchanged.test", subject, EICAR));

        SmtpSink.Received delivered = awaitDelivered("bob@unchanged.test", subject);
        assertThat(delivered.data()).contains(EICAR).contains("X-Virus-Status: infected")
            .contains("EICAR-Test-File");
        awaitNotification("sender", "s5231@client.test", subject);
        awaitNotification("recipients", "bob@unchanged.test", subject);
        awaitNotification("admin", ADMIN, subject);
        assertThat(gateway.eventLog()).containsPattern("SCANNED, group=<unchanged>.*status=\"infected\"");
        awaitLog("DELIVERED, rcpt=<bob@unchanged.test>, server=127.0.0.1:" + sink.port() + ".*status=sent");
    }

    @Test
    void task5232CuresWhatCanBeCuredAndStopsMessagesThatCannotBe() throws Exception {
        String cured = "task-5232-cured";
        gateway.send("s5232@client.test", List.of("carol@clean.test"),
            Messages.withAttachments("s5232@client.test", "carol@clean.test", cured, "see attachment",
                "cure.com", variant("CURE-")));
        String blocked = "task-5232-uncurable";
        byte[] zip = Messages.zip("eicar.com", EICAR);
        gateway.send("s5232@client.test", List.of("dave@clean.test"),
            Messages.withAttachments("s5232@client.test", "dave@clean.test", blocked, "see zip", "eicar.zip", zip));

        SmtpSink.Received delivered = awaitDelivered("carol@clean.test", cured);
        assertThat(delivered.data()).contains("see attachment").contains("cure.com")
            .containsAnyOf("CURED", base64("CURED")).doesNotContain(firstLine(base64(variant("CURE-"))))
            .contains("X-Virus-Status: disinfected");
        SmtpSink.Received adminNote = awaitNotification("admin", ADMIN, blocked);
        assertThat(adminNote.data()).as("original attached for the admin").contains("message/rfc822")
            .contains(firstLine(java.util.Base64.getMimeEncoder().encodeToString(zip)));
        awaitNotification("recipients", "dave@clean.test", blocked);
        awaitLog("BLOCKED.*rcpt=<?dave@clean.test");
        assertThat(messagesFor("dave@clean.test", blocked)).as("uncurable message not delivered").isEmpty();
    }

    @Test
    void task5233RemovesInfectedAttachmentsAndDeliversTheRest() throws Exception {
        String subject = "task-5233-remove";
        gateway.send("s5233@client.test", List.of("erin@remove.test"),
            Messages.withAttachments("s5233@client.test", "erin@remove.test", subject, "the body stays",
                "eicar.com", EICAR, "report.txt", "quarterly figures", "packed.zip", Messages.zip("e.com", EICAR)));

        SmtpSink.Received delivered = awaitDelivered("erin@remove.test", subject);
        assertThat(delivered.data()).contains("the body stays").contains("report.txt")
            .contains(base64("quarterly figures")).doesNotContain("eicar.com").doesNotContain("packed.zip")
            .doesNotContain(firstLine(base64(EICAR)));
        assertThat(sink.mentioning(subject)).as("no notifications in this group").hasSize(1);
    }

    @Test
    void task5234ReplacesAnInfectedForwardedMessageByAPlaceholder() throws Exception {
        String subject = "task-5234-placeholder";
        gateway.send("s5234@client.test", List.of("frank@placeholder.test"),
            Messages.nested("s5234@client.test", "frank@placeholder.test", subject, "forwarding this", EICAR));

        SmtpSink.Received delivered = awaitDelivered("frank@placeholder.test", subject);
        assertThat(delivered.data()).contains("forwarding this").contains("was taken out of this message")
            .contains("fwd.eml").contains("EICAR-Test-File").doesNotContain(EICAR)
            .doesNotContain("Content-Type: message/rfc822");
    }

    // ---------------------------------------------------------------------------------------- 5.2.4 additional

    @Test
    void task5241BlocksTheMessageAndSendsTheOriginalToTheAdmin() throws Exception {
        String subject = "task-5241-block";
        gateway.send("s5241@client.test", List.of("gina@block.test"),
            Messages.withAttachments("s5241@client.test", "gina@block.test", subject, "corrupted inside",
                "broken.com", variant("CORR-")));

        SmtpSink.Received admin = awaitNotification("admin", ADMIN, subject);
        assertThat(admin.data()).contains("message/rfc822").contains(firstLine(base64(variant("CORR-"))));
        awaitNotification("sender", "s5241@client.test", subject);
        awaitNotification("recipients", "gina@block.test", subject);
        awaitLog("BLOCKED.*rcpt=<?gina@block.test");
        assertThat(messagesFor("gina@block.test", subject)).isEmpty();
    }

    @Test
    void task5243NotifiesSenderRecipientAndAdminWithTheOriginalForTheAdmin() throws Exception {
        String subject = "task-5243-notify";
        gateway.send("s5243@client.test", List.of("hank@notify.test"),
            Messages.withAttachments("s5243@client.test", "hank@notify.test", subject, "two attachments",
                "virus.com", EICAR, "cure.com", variant("CURE-")));

        SmtpSink.Received delivered = awaitDelivered("hank@notify.test", subject);
        assertThat(delivered.data()).contains("two attachments").doesNotContain("virus.com")
            .containsAnyOf("CURED", base64("CURED"));
        SmtpSink.Received admin = awaitNotification("admin", ADMIN, subject);
        assertThat(admin.data()).contains("message/rfc822").contains(firstLine(base64(EICAR)))
            .contains("EICAR-Test-File").contains("virus.com");
        SmtpSink.Received sender = awaitNotification("sender", "s5243@client.test", subject);
        assertThat(sender.data()).contains("virus.com").doesNotContain("message/rfc822");
        SmtpSink.Received recipient = awaitNotification("recipients", "hank@notify.test", subject);
        assertThat(recipient.data()).contains("virus.com").contains("Auto-Submitted: auto-generated");
        awaitLog("NOTIFY, notify=admin");
    }

    @Test
    void task5244FiltersExeAttachmentsAndBlocksTheirMessages() throws Exception {
        String subject = "task-5244-exe";
        gateway.send("s5244@client.test", List.of("ivy@exe.test"),
            Messages.withAttachments("s5244@client.test", "ivy@exe.test", subject, "install this",
                "setup.exe", "MZ not really a program"));
        String clean = "task-5244-no-exe";
        gateway.send("s5244@client.test", List.of("ivy@exe.test"),
            Messages.withAttachments("s5244@client.test", "ivy@exe.test", clean, "just a text",
                "notes.txt", "nothing to filter"));

        awaitDelivered("ivy@exe.test", clean);
        SmtpSink.Received admin = awaitNotification("admin", ADMIN, subject);
        assertThat(admin.data()).contains("setup.exe").contains("filtered");
        awaitNotification("sender", "s5244@client.test", subject);
        awaitLog("BLOCKED.*rcpt=<?ivy@exe.test");
        assertThat(messagesFor("ivy@exe.test", subject)).isEmpty();
    }

    @Test
    void task5245QuarantinesSuspiciousMailAndBacksUpInfectedMail() throws Exception {
        String suspicious = "task-5245-suspicious";
        gateway.send("s5245@client.test", List.of("jack@quarantine.test"),
            Messages.withAttachments("s5245@client.test", "jack@quarantine.test", suspicious, "odd file",
                "odd.com", variant("SUSP-")));
        String infected = "task-5245-infected";
        gateway.send("s5245@client.test", List.of("jack@quarantine.test"),
            Messages.withAttachments("s5245@client.test", "jack@quarantine.test", infected, "bad file",
                "bad.com", EICAR));

        awaitNotification("recipients", "jack@quarantine.test", suspicious);
        SmtpSink.Received delivered = awaitDelivered("jack@quarantine.test", infected);
        assertThat(delivered.data()).contains("bad file").doesNotContain("bad.com");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(gateway.repositoryMessages("var/quarantine-suspicious/")).singleElement().asString()
                .contains(suspicious).contains(firstLine(base64(variant("SUSP-"))));
            assertThat(gateway.repositoryMessages("var/backup-infected/")).singleElement().asString()
                .contains(infected).contains(firstLine(base64(EICAR)));
        });
        assertThat(messagesFor("jack@quarantine.test", suspicious)).as("quarantined, not delivered").isEmpty();
    }

    @Test
    void task5246ArchivesIncomingMailAsReceivedAndOutgoingMailWithNotifications() throws Exception {
        String subject = "task-5246-archive";
        gateway.send("s5246@client.test", List.of("kim@policy.test"),
            Messages.withAttachments("s5246@client.test", "kim@policy.test", subject, "archived",
                "eicar.com", EICAR));

        awaitDelivered("kim@policy.test", subject);
        awaitNotification("admin", ADMIN, subject);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(gateway.repositoryMessages("var/archive/in/")).filteredOn(m -> m.contains(subject))
                .singleElement().asString().contains(firstLine(base64(EICAR)));
            List<String> out = gateway.repositoryMessages("var/archive/out/").stream()
                .filter(m -> m.contains(subject)).toList();
            assertThat(out).anySatisfy(m -> assertThat(m).doesNotContain(firstLine(base64(EICAR)))
                .doesNotContain("X-Smtpgw-Notification"));
            assertThat(out).anySatisfy(m -> assertThat(m).contains("X-Smtpgw-Notification: admin"));
        });
    }

    // ------------------------------------------------------------------------------------------------- groups

    @Test
    void recipientsInThreeGroupsGetThreeTreatmentsOfOneMessage() throws Exception {
        String subject = "groups-three-ways";
        gateway.send("sgroups@client.test",
            List.of("lou@placeholder.test", "mia@remove.test", "ned@block.test"),
            Messages.withAttachments("sgroups@client.test", "lou@placeholder.test", subject, "for three groups",
                "virus.com", EICAR));

        assertThat(awaitDelivered("lou@placeholder.test", subject).data())
            .contains("was taken out of this message").doesNotContain(firstLine(base64(EICAR)));
        assertThat(awaitDelivered("mia@remove.test", subject).data())
            .doesNotContain("was taken out of this message").doesNotContain("virus.com");
        awaitNotification("recipients", "ned@block.test", subject);
        awaitLog("BLOCKED.*rcpt=<?ned@block.test");
        assertThat(messagesFor("ned@block.test", subject)).isEmpty();
        assertThat(gateway.eventLog()).containsPattern("SCANNED, group=<placeholder>")
            .containsPattern("SCANNED, group=<remove>").containsPattern("SCANNED, group=<block>")
            .contains("SPLITTED");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static SmtpSink.Received awaitDelivered(String recipient, String subject) {
        await().atMost(WAIT).until(() -> !messagesFor(recipient, subject).isEmpty());
        return messagesFor(recipient, subject).get(0);
    }

    /** What the sink got for {@code recipient} that is the message itself, not a notification about it. */
    private static List<SmtpSink.Received> messagesFor(String recipient, String subject) {
        return sink.receivedFor(recipient).stream().filter(r -> !r.isNotification())
            .filter(r -> r.data().contains("Subject: " + subject)).toList();
    }

    private static SmtpSink.Received awaitNotification(String kind, String recipient, String subject) {
        await().atMost(WAIT).until(() -> !notifications(kind, recipient, subject).isEmpty());
        List<SmtpSink.Received> found = notifications(kind, recipient, subject);
        assertThat(found).as("one " + kind + " notification to " + recipient).hasSize(1);
        return found.get(0);
    }

    private static List<SmtpSink.Received> notifications(String kind, String recipient, String subject) {
        return sink.receivedFor(recipient).stream().filter(r -> r.isNotification(kind))
            .filter(r -> r.data().contains(subject)).toList();
    }

    private static void awaitLog(String regex) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(gateway.eventLog()).containsPattern(regex));
    }

    private static String firstLine(String base64) {
        return base64.split("\r?\n")[0];
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
