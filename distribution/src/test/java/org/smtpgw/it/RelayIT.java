package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged gateway relays to the downstream of each route and enforces its SMTP limits. */
class RelayIT {
    @TempDir
    static Path dir;
    static SmtpSink sink;
    static SmtpSink sink2;
    static Gateway gateway;
    /** A second ListenOn address. */
    static int secondPort;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = SmtpSink.started();
        sink2 = SmtpSink.started();
        gateway = Gateway.install(dir);
        secondPort = FreePorts.next();
        gateway.configure(conf -> conf
            .set("smtpgw.network", "ListenOn", "127.0.0.1:" + gateway.smtpPort(), "127.0.0.2:" + secondPort)
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.network", "Postmaster", "postmaster@gw.test")
            .set("smtpgw.forward", "ForwardRoute", "one.test [127.0.0.1:" + sink.port() + "]", "two.test [127.0.0.1:" + sink2.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            .set("smtpgw.limits", "MaximalIncomingMessageSize", "100")
            .set("smtpgw.limits", "MaximalIncomingRcptsPerMessage", "3")
            .set("smtpgw.limits", "MaximalIncomingHops", "5")
            .set("smtpgw.limits", "MaximalIncomingMessagesPerSession", "2")
            .set("smtpgw.limits", "MaximalIncomingSessionSize", "100"));
        gateway.startForeground();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink, sink2);
    }

    @Test
    void deliversMailToTheSinkOfItsRoute() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("bob@one.test"),
                "Bcc: <hidden@one.test>\r\n" + SmtpClient.message("alice@client.test", "bob@one.test", "delivery", "hello bob"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(sink.receivedFor("bob@one.test")).hasSize(1));
        SmtpSink.Received received = sink.receivedFor("bob@one.test").get(0);
        assertThat(received.from()).isEqualTo("alice@client.test");
        assertThat(received.data()).contains("Subject: delivery").contains("hello bob")
            .doesNotContainIgnoringCase("Bcc:")
            .containsPattern("Received: from .*\\(EHLO client\\.test\\).*\\s+by gw\\.test");
    }

    @Test
    void listensOnEveryListenOnAddressWithItsHostname() throws Exception {
        try (SmtpClient first = SmtpClient.connect(gateway.smtpPort());
             SmtpClient second = SmtpClient.connect(InetAddress.getLoopbackAddress(), InetAddress.getByName("127.0.0.2"), secondPort)) {
            assertThat(first.greeting().code()).isEqualTo(220);
            assertThat(first.greeting().text()).contains("gw.test");
            assertThat(second.greeting().code()).isEqualTo(220);
            assertThat(second.command("EHLO client.test").lines().get(0)).startsWith("250-gw.test");
        }
    }

    @Test
    void refusesMoreMessagesPerSessionThanTheLimit() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            for (int i = 1; i <= 2; i++) {
                SmtpClient.Reply accepted = client.send("alice@client.test", List.of("many" + i + "@one.test"),
                    SmtpClient.message("alice@client.test", "many" + i + "@one.test", "number " + i, "hi"));
                assertThat(accepted.code()).as(accepted.text()).isEqualTo(250);
            }
            SmtpClient.Reply third = client.command("MAIL FROM:<alice@client.test>");
            assertThat(third.code()).as(third.text()).isEqualTo(452);
            assertThat(third.text()).contains("4.5.3");
        }
    }

    @Test
    void refusesTheMessageThatExceedsTheSessionSize() throws Exception {
        String sixtyKb = "y".repeat(100).concat("\r\n").repeat(600);
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply first = client.send("alice@client.test", List.of("size1@one.test"),
                SmtpClient.message("alice@client.test", "size1@one.test", "first", sixtyKb));
            assertThat(first.code()).as(first.text()).isEqualTo(250);
            SmtpClient.Reply second = client.send("alice@client.test", List.of("size2@one.test"),
                SmtpClient.message("alice@client.test", "size2@one.test", "second", sixtyKb));
            assertThat(second.code()).as(second.text()).isEqualTo(552);
            assertThat(second.text()).contains("5.3.4");
        }
    }

    @Test
    void sendsEachRecipientToTheSinkOfItsDomain() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("carol@one.test", "dave@two.test"),
                SmtpClient.message("alice@client.test", "carol@one.test", "two routes", "split me"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sink.receivedFor("carol@one.test")).hasSize(1);
            assertThat(sink2.receivedFor("dave@two.test")).hasSize(1);
        });
        assertThat(sink.receivedFor("dave@two.test")).isEmpty();
        assertThat(sink2.receivedFor("carol@one.test")).isEmpty();
    }

    @Test
    void refusesToRelayForAClientTheRulesDoNotAllow() throws Exception {
        try (SmtpClient client = SmtpClient.connect(InetAddress.getByName("127.0.0.2"), gateway.smtpPort())) {
            client.command("EHLO stranger.test");
            assertThat(client.command("MAIL FROM:<eve@stranger.test>").code()).isEqualTo(250);
            SmtpClient.Reply reply = client.command("RCPT TO:<bob@one.test>");
            assertThat(reply.code()).as(reply.text()).isEqualTo(550);
            assertThat(reply.text()).contains("5.7.1");
        }
    }

    @Test
    void refusesAMessageOverTheSizeLimit() throws Exception {
        String big = "x".repeat(100).concat("\r\n").repeat(2000);
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("big@one.test"),
                SmtpClient.message("alice@client.test", "big@one.test", "too big", big));
            assertThat(reply.code()).as(reply.text()).isEqualTo(552);
        }
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply declared = client.command("MAIL FROM:<alice@client.test> SIZE=500000");
            assertThat(declared.code()).as(declared.text()).isEqualTo(552);
        }
    }

    @Test
    void refusesRecipientsBeyondTheLimit() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<alice@client.test>");
            for (int i = 1; i <= 3; i++) {
                assertThat(client.command("RCPT TO:<r" + i + "@one.test>").code()).isEqualTo(250);
            }
            SmtpClient.Reply fourth = client.command("RCPT TO:<r4@one.test>");
            assertThat(fourth.code()).as(fourth.text()).isEqualTo(452);
            assertThat(fourth.text()).contains("4.5.3");
        }
    }

    @Test
    void refusesAMessageWithTooManyHops() throws Exception {
        StringBuilder received = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            received.append("Received: from hop").append(i).append(".test by hop").append(i + 1)
                .append(".test; Mon, 1 Jan 2024 00:00:0").append(i).append(" +0000\r\n");
        }
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("loop@one.test"),
                received + SmtpClient.message("alice@client.test", "loop@one.test", "looping", "round and round"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(554);
            assertThat(reply.text()).contains("5.4.6");
        }
        Thread.sleep(1_000);
        assertThat(sink.receivedFor("loop@one.test")).isEmpty();
    }

    @Test
    void servesWebAdminOnLoopback() throws Exception {
        HttpResponse<String> queues = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.webAdminPort() + "/mailQueues")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(queues.statusCode()).isEqualTo(200);
        assertThat(queues.body()).contains("spool");
    }

    @Test
    void answersJamesCliOverJmx() throws Exception {
        Path output = dir.resolve("james-cli.out");
        Process cli = new ProcessBuilder(gateway.home().resolve("bin/james-cli").toString(),
            "-h", "127.0.0.1", "-p", String.valueOf(gateway.jmxPort()), "ListDomains")
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(Files.readString(output)).isZero();
        assertThat(gateway.home().resolve("conf/jmxremote.password")).exists();
    }

    @Test
    void advertisesTheEsmtpExtensionsOfTheManual() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            SmtpClient.Reply ehlo = client.command("EHLO client.test");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).extracting(line -> line.substring(4))
                .contains("PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "DSN")
                .anyMatch(line -> line.startsWith("SIZE "));
        }
    }
}
