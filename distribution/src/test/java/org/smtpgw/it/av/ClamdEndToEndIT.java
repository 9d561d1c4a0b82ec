package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.it.Closeables;
import org.smtpgw.it.SmtpSink;

/**
 * The packaged gateway with {@code [smtpgw.ave] Engine=clamd} and a real clamd (private database with an EICAR
 * signature, on a loopback port): clean mail is delivered unchanged but for the gateway's Received and X-Virus-*
 * headers, an infected attachment is removed ({@code ActionInfected=remove}, the packaged default), and while clamd
 * is down mail waits in the queue (fail closed) until clamd is back.
 */
class ClamdEndToEndIT {
    static final String ADMIN = "admin@admin.test";
    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    static ClamdDaemon clamd;
    static SmtpSink sink;
    static AvGateway gateway;

    @BeforeAll
    static void startClamdSinkAndGateway() throws Exception {
        clamd = ClamdDaemon.started(Files.createDirectories(dir.resolve("clamd")));
        sink = SmtpSink.started();
        gateway = AvGateway.install(dir)
            .set("smtpgw.ave", "Engine", "clamd")
            .set("smtpgw.ave", "ClamdAddress", "127.0.0.1:" + clamd.port())
            .set("smtpgw.ave", "EngineRetryDelay", "1")
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.forward", "ForwardRoute", "any [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.policy", "AdminNotifyAddress", ADMIN)
            .set("smtpgw.policy", "NotifyFromAddress", "av@gw.test")
            .start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink, clamd);
    }

    /**
     * Unchanged: the same body octets and the same header fields. James writes a message it changed (here: the added
     * X-Virus-* fields) anew and may move fields (MIME-Version first, new fields on top), so the order of the fields is
     * not compared; the trace field the gateway adds, its Received, stays the topmost of the Received fields.
     */
    @Test
    void cleanMailShouldArriveUnchangedWithVirusHeaders() throws Exception {
        String sent = Messages.withAttachments("alice@client.test", "clean@dest.test", "clamd clean",
            "the minutes are attached", "minutes.txt", "Minutes of the meeting\r\n")
            .replace("MIME-Version: 1.0\r\n", "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n");

        gateway.send("alice@client.test", List.of("clean@dest.test"), sent);

        await().atMost(WAIT).until(() -> !delivered("clean@dest.test").isEmpty());
        String data = delivered("clean@dest.test").get(0).data();
        assertThat(data).contains("X-Virus-Status: clean\r\n")
            .containsPattern("X-Virus-Scanned: smtpgw [^\\r\\n]*clamd[^\\r\\n]* on gw.test\r\n");
        assertThat(body(data)).isEqualTo(body(sent));
        assertThat(headerFields(data)).filteredOn(f -> !f.startsWith("X-Virus-") && !f.startsWith("Received:"))
            .containsExactlyInAnyOrderElementsOf(headerFields(sent));
        assertThat(headerFields(data)).filteredOn(f -> f.startsWith("Received:")).hasSize(2)
            .satisfiesExactly(sinks -> assertThat(sinks).contains("by sink.test"),
                ours -> assertThat(ours).contains("by gw.test"));
    }

    @Test
    void infectedAttachmentShouldBeRemovedAndTheRestDelivered() throws Exception {
        String sent = Messages.withAttachments("alice@client.test", "infected@dest.test", "clamd eicar",
            "see the attachment", "eicar.com", Messages.EICAR, "notes.txt", "harmless notes\r\n");

        gateway.send("alice@client.test", List.of("infected@dest.test"), sent);

        await().atMost(WAIT).until(() -> !delivered("infected@dest.test").isEmpty());
        String data = delivered("infected@dest.test").get(0).data();
        assertThat(data).contains("X-Virus-Status: infected, clean").contains(ClamdDaemon.EICAR_NAME)
            .contains("see the attachment")
            .contains(Messages.base64("harmless notes\r\n").strip())
            .doesNotContain(Messages.base64(Messages.EICAR).strip())
            .doesNotContain("eicar.com\"");
        assertThat(sink.receivedFor(ADMIN)).anySatisfy(n -> assertThat(n.data())
            .contains("X-Smtpgw-Notification: admin").contains(ClamdDaemon.EICAR_NAME));
    }

    @Test
    void mailShouldWaitWhileClamdIsDownAndBeDeliveredOnceItIsBack() throws Exception {
        clamd.stop();
        try {
            String sent = Messages.plain("alice@client.test", "waiting@dest.test", "clamd down", "held until clamd is back");
            gateway.send("alice@client.test", List.of("waiting@dest.test"), sent);

            await().atMost(WAIT).until(() -> !outageNotices().isEmpty());
            assertThat(outageNotices().get(0).data())
                .contains("Anti-virus engine unavailable on gw.test")
                .contains("127.0.0.1:" + clamd.port());
            Thread.sleep(15_000); // several retries of EngineRetryDelay=1 (and James' ~10 s queue re-read)
            assertThat(sink.receivedFor("waiting@dest.test")).as("nothing leaves unscanned").isEmpty();
        } finally {
            clamd.start();
        }

        await().atMost(WAIT).until(() -> !delivered("waiting@dest.test").isEmpty());
        assertThat(delivered("waiting@dest.test")).singleElement()
            .satisfies(r -> assertThat(r.data()).contains("X-Virus-Status: clean").contains("held until clamd is back"));
        assertThat(outageNotices()).as("told once per outage").hasSize(1);
    }

    private static List<SmtpSink.Received> delivered(String recipient) {
        return sink.receivedFor(recipient).stream().filter(r -> !r.isNotification()).toList();
    }

    private static List<SmtpSink.Received> outageNotices() {
        return sink.receivedFor(ADMIN).stream()
            .filter(r -> r.data().contains("X-Smtpgw-Notification: engine-unavailable")
                || r.data().contains("Anti-virus engine unavailable"))
            .toList();
    }

    /** The header fields of a message, each with its folded lines, in their order. */
    static List<String> headerFields(String message) {
        return Arrays.asList(message.substring(0, message.indexOf("\r\n\r\n")).split("\r\n(?![ \t])"));
    }

    /** The body of a message without the final line end (the sink may add one at the end of DATA). */
    static String body(String message) {
        return message.substring(message.indexOf("\r\n\r\n") + 4).stripTrailing();
    }
}
