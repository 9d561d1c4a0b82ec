package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.it.Closeables;
import org.smtpgw.it.FreePorts;
import org.smtpgw.it.SmtpSink;

/**
 * An administrator releases kept mail exactly as the docs say (docs/mailets.md, "Quarantine, backup and releasing a
 * message" and "Malformed mail"), with WebAdmin's mail repository routes on the packaged gateway: a message
 * quarantined for its status reaches its recipient unchanged after {@code action=reprocess&processor=transport},
 * and a malformed one kept by {@code DropMalformedMail=true} reaches its recipient scanned after
 * {@code processor=groups}; both repositories are empty afterwards.
 */
class QuarantineReleaseIT {
    static final Duration WAIT = Duration.ofSeconds(120);
    static final String DATE = "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n";

    @TempDir
    static Path dir;
    static SmtpSink sink;
    static AvGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = SmtpSink.started();
        gateway = AvGateway.install(dir)
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.forward", "ForwardRoute", "down.test [127.0.0.1:" + FreePorts.next() + "]",
                "any [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.timeouts", "TestRetryDelays", "1,1")
            .set("smtpgw.policy", "QuarantineStatus", "infected")
            .set("smtpgw.options", "DropMalformedMail", "true")
            .start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    void quarantinedMessageShouldReachItsRecipientAfterTheDocumentedReprocessCall() throws Exception {
        String sent = dated(Messages.withAttachments("alice@client.test", "bob@dest.test", "quarantine me",
            "see the attachment", "eicar.com", Messages.EICAR));
        gateway.send("alice@client.test", List.of("bob@dest.test"), sent);
        await().atMost(WAIT).until(() -> gateway.repositorySize("var/quarantine/") == 1);
        assertThat(delivered("bob@dest.test")).as("quarantined, not delivered").isEmpty();

        List<String> keys = keys("var%2Fquarantine%2F");
        assertThat(keys).hasSize(1);
        HttpResponse<String> release = patch("/mailRepositories/var%2Fquarantine%2F/mails/" + keys.get(0)
            + "?action=reprocess&processor=transport");

        assertThat(release.statusCode()).as(release.body()).isBetween(200, 299);
        await().atMost(WAIT).until(() -> !delivered("bob@dest.test").isEmpty());
        String data = delivered("bob@dest.test").get(0).data();
        assertThat(data).as("the original, as received").contains(Messages.base64(Messages.EICAR).strip())
            .contains("Subject: quarantine me");
        await().atMost(WAIT).until(() -> gateway.repositorySize("var/quarantine/") == 0);
    }

    @Test
    void malformedMessageShouldBeKeptAndReachItsRecipientScannedAfterReprocessingToGroups() throws Exception {
        long before = statistic("mta_malformed_messages_received");
        String sent = Messages.plain("alice@client.test", "carol@dest.test", "malformed", "body text")
            .replace("MIME-Version: 1.0\r\n", DATE + "MIME-Version: 1.0\r\nThis line is no header field\r\n");
        gateway.send("alice@client.test", List.of("carol@dest.test"), sent);

        await().atMost(WAIT).until(() -> gateway.repositorySize("var/mail/malformed/") == 1);
        assertThat(delivered("carol@dest.test")).as("kept, not delivered").isEmpty();
        await().atMost(WAIT).until(() -> gateway.eventLog().contains("BLOCKED, rcpt=carol@dest.test"));
        assertThat(statistic("mta_malformed_messages_received")).isEqualTo(before + 1);
        List<String> keys = keys("var%2Fmail%2Fmalformed%2F");
        assertThat(keys).hasSize(1);
        assertThat(get("/mailRepositories/var%2Fmail%2Fmalformed%2F/mails/" + keys.get(0)
            + "?additionalFields=attributes").body()).contains("smtpgwMalformed").contains("header-syntax");

        HttpResponse<String> release = patch("/mailRepositories/var%2Fmail%2Fmalformed%2F/mails/" + keys.get(0)
            + "?action=reprocess&processor=groups");

        assertThat(release.statusCode()).as(release.body()).isBetween(200, 299);
        await().atMost(WAIT).until(() -> !delivered("carol@dest.test").isEmpty());
        assertThat(delivered("carol@dest.test").get(0).data()).contains("X-Virus-Status: clean").contains("body text");
        await().atMost(WAIT).until(() -> gateway.repositorySize("var/mail/malformed/") == 0);
    }

    @Test
    void theGatewaysOwnDsnShouldNotBeTakenForMalformedMail() throws Exception {
        long before = statistic("mta_malformed_messages_received");
        gateway.send("frank@dest.test", List.of("nobody@down.test"),
            dated(Messages.plain("frank@dest.test", "nobody@down.test", "undeliverable", "no server for down.test")));

        await().atMost(WAIT).until(() -> !sink.receivedFor("frank@dest.test").isEmpty());
        assertThat(sink.receivedFor("frank@dest.test").get(0).data()).contains("multipart/report");
        assertThat(statistic("mta_malformed_messages_received")).isEqualTo(before);
        assertThat(gateway.repositorySize("var/mail/malformed/")).isZero();
    }

    /** The message with a Date field, so that it is well-formed (DropMalformedMail=true keeps mail without one). */
    private static String dated(String message) {
        return message.replace("MIME-Version: 1.0\r\n", DATE + "MIME-Version: 1.0\r\n");
    }

    private static List<SmtpSink.Received> delivered(String recipient) {
        return sink.receivedFor(recipient).stream().filter(r -> !r.isNotification()).toList();
    }

    private static List<String> keys(String repository) throws Exception {
        HttpResponse<String> r = get("/mailRepositories/" + repository + "/mails");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(r.body());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static long statistic(String name) throws Exception {
        String body = get("/smtpgw/statistics").body();
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> patch(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.webAdminPort() + path);
    }
}
