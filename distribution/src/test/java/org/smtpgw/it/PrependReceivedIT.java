package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With PrependReceived=false the relayed message carries no Received header of the gateway's own. */
class PrependReceivedIT {
    private static final String UPSTREAM = "Received: from laptop.client.test (laptop.client.test [192.0.2.7])"
        + " by mx.client.test with ESMTP id 4F1; Sat, 28 Nov 2026 14:59:58 +0000";

    @TempDir
    static Path dir;
    static SmtpSink sink;
    static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = SmtpSink.started();
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.network", "ListenOn", "127.0.0.1:" + gateway.smtpPort())
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.network", "Postmaster", "postmaster@gw.test")
            .set("smtpgw.forward", "ForwardRoute", "one.test [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            .set("smtpgw.options", "PrependReceived", "false"));
        gateway.startForeground();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    void relaysTheMessageWithoutItsOwnReceivedHeaderAndKeepsTheIncomingOne() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("bob@one.test"), UPSTREAM + "\r\n"
                + SmtpClient.message("alice@client.test", "bob@one.test", "no trace", "hello bob"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(sink.receivedFor("bob@one.test")).hasSize(1));
        String data = sink.receivedFor("bob@one.test").get(0).data();
        assertThat(data).contains("Subject: no trace").contains("hello bob");
        List<String> received = receivedHeaders(data);
        // The sink adds its own on top (by sink.test); RelayIT shows the gateway's "by gw.test" with the default.
        assertThat(received).as(data).hasSize(2).noneMatch(header -> header.toLowerCase(Locale.ROOT).contains("by gw.test"));
        assertThat(received.get(0)).contains("by sink.test");
        assertThat(received.get(1)).isEqualTo(UPSTREAM);
    }

    /** The unfolded values of the message's Received headers, in order. */
    private static List<String> receivedHeaders(String message) {
        String normalized = message.replace("\r\n", "\n");
        int end = normalized.indexOf("\n\n");
        String head = (end < 0 ? normalized : normalized.substring(0, end)).replaceAll("\n[ \t]+", " ");
        List<String> received = new ArrayList<>();
        for (String line : head.split("\n")) {
            if (line.regionMatches(true, 0, "Received:", 0, "Received:".length())) {
                received.add(line);
            }
        }
        return received;
    }
}
