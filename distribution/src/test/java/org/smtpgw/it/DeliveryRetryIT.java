package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail the downstream cannot take yet waits in the queue and is retried; mail that can never be delivered
 * expires and its sender gets a delivery status notification. The retry schedule is test-sized.
 */
class DeliveryRetryIT {
    @TempDir
    static Path dir;
    /** Down when the test starts. */
    static SmtpSink sink;
    /** Nothing ever listens on the port of the "down.test" route. */
    static int deadPort;
    static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = new SmtpSink(FreePorts.next());
        deadPort = FreePorts.next();
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.forward", "ForwardRoute", "down.test [127.0.0.1:" + deadPort + "]", "one.test [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            // Test-sized schedule: two retries, then the mail expires (James' queue makes each wait about 10 s).
            .set("smtpgw.timeouts", "TestRetryDelays", "1,1"));
        gateway.startForeground();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    void deliversOnceTheDownstreamIsBackUp() throws Exception {
        sink.stop();
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("later@one.test"),
                SmtpClient.message("alice@client.test", "later@one.test", "retry", "wait for me"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }
        // The first attempt fails (James' RemoteDelivery logs it), so delivery can only come from a retry.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(gateway.log()).contains("Couldn't connect to host, port: 127.0.0.1, " + sink.port()));
        assertThat(sink.receivedFor("later@one.test")).isEmpty();

        sink.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(sink.receivedFor("later@one.test")).hasSize(1));
        assertThat(sink.receivedFor("later@one.test").get(0).data()).contains("wait for me");
    }

    @Test
    void notifiesTheSenderWhenDeliveryExpires() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<sender@one.test> RET=HDRS ENVID=env-42");
            assertThat(client.command("RCPT TO:<lost@down.test> NOTIFY=FAILURE").code()).isEqualTo(250);
            SmtpClient.Reply reply = client.data(
                SmtpClient.message("sender@one.test", "lost@down.test", "never delivered", "secret body"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }
        sink.start();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
            assertThat(sink.receivedFor("sender@one.test")).hasSize(1));
        SmtpSink.Received dsn = sink.receivedFor("sender@one.test").get(0);
        assertThat(dsn.from()).isEmpty();
        assertThat(dsn.data())
            .contains("multipart/report")
            .contains("Original-Envelope-Id: env-42")
            .containsIgnoringCase("Action: failed")
            .contains("lost@down.test")
            .doesNotContain("secret body");
    }
}
