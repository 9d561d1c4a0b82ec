package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message accepted with 250 survives {@code kill -9} of the server and is delivered after the restart. */
class CrashRecoveryIT {
    @TempDir
    static Path dir;
    static SmtpSink sink;
    static Gateway gateway;

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    void deliversAcceptedMailAfterKillAndRestart() throws Exception {
        sink = new SmtpSink(FreePorts.next());
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.forward", "ForwardRoute", "one.test [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            .set("smtpgw.timeouts", "TestRetryDelays", "1,1,1,1,1,1,1,1,1,1"));
        gateway.startForeground();

        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("survivor@one.test"),
                SmtpClient.message("alice@client.test", "survivor@one.test", "crash", "still here"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }
        Thread.sleep(1_000);
        gateway.kill();
        assertThat(sink.received()).isEmpty();

        sink.start();
        // The pid file of the killed server is stale: the restart replaces it.
        assertThat(gateway.home().resolve("var/run/smtpgw.pid")).exists();
        gateway.startForeground();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(sink.receivedFor("survivor@one.test")).hasSize(1));
        assertThat(sink.receivedFor("survivor@one.test").get(0).data()).contains("still here");

        // A clean stop (TERM) removes the pid file, unlike the kill.
        assertThat(gateway.stop()).isEqualTo(143);
        assertThat(gateway.home().resolve("var/run/smtpgw.pid")).doesNotExist();
    }
}
