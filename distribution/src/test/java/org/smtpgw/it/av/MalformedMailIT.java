package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.it.Closeables;
import org.smtpgw.it.SmtpSink;

/**
 * {@code DropMalformedMail=false} (the packaged default) on the packaged gateway: a message that breaks the RFCs is
 * counted in {@code mta_malformed_messages_received} and delivered, scanned; a well-formed one is not counted.
 * {@link QuarantineReleaseIT} covers {@code DropMalformedMail=true}.
 */
class MalformedMailIT {
    static final Duration WAIT = Duration.ofSeconds(120);
    static final String COUNTER = "mta_malformed_messages_received";
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
            .set("smtpgw.forward", "ForwardRoute", "any [127.0.0.1:" + sink.port() + "]")
            .start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    void malformedMailShouldBeCountedAndDeliveredScanned() throws Exception {
        long before = statistic(COUNTER);
        String sent = Messages.withAttachments("alice@client.test", "dave@dest.test", "unterminated",
            "the last delimiter is missing", "notes.txt", "notes\r\n")
            .replace("MIME-Version: 1.0\r\n", DATE + "MIME-Version: 1.0\r\n")
            .replace("--" + Messages.BOUNDARY + "--\r\n", "");

        gateway.send("alice@client.test", List.of("dave@dest.test"), sent);

        await().atMost(WAIT).until(() -> !delivered("dave@dest.test").isEmpty());
        assertThat(delivered("dave@dest.test").get(0).data()).contains("X-Virus-Status: clean")
            .contains("the last delimiter is missing");
        assertThat(statistic(COUNTER)).isEqualTo(before + 1);
        assertThat(gateway.repositorySize("var/mail/malformed/")).isZero();
    }

    @Test
    void wellFormedMailShouldNotBeCounted() throws Exception {
        long before = statistic(COUNTER);
        String sent = Messages.plain("alice@client.test", "erin@dest.test", "well formed", "all in order")
            .replace("MIME-Version: 1.0\r\n", DATE + "MIME-Version: 1.0\r\n");

        gateway.send("alice@client.test", List.of("erin@dest.test"), sent);

        await().atMost(WAIT).until(() -> !delivered("erin@dest.test").isEmpty());
        assertThat(statistic(COUNTER)).isEqualTo(before);
    }

    private static List<SmtpSink.Received> delivered(String recipient) {
        return sink.receivedFor(recipient).stream().filter(r -> !r.isNotification()).toList();
    }

    private static long statistic(String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.webAdminPort() + "/smtpgw/statistics")).build(),
            HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
