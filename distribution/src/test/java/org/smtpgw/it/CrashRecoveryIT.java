package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        if (gateway != null) {
            gateway.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void deliversAcceptedMailAfterKillAndRestart() throws Exception {
        sink = new SmtpSink(FreePorts.next());
        gateway = Gateway.install(dir);
        Path jamesConf = gateway.writeJamesConf(Map.of(
            "SINK_PORT", String.valueOf(sink.port()),
            "SINK2_PORT", String.valueOf(FreePorts.next()),
            "ROUTE2_DOMAIN", "unused.test",
            "DELAY", "1 seconds",
            "MAX_RETRIES", "20",
            "ROUTE2_MAX_RETRIES", "1"));
        gateway.startForeground("--james-conf=" + jamesConf);

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
        gateway.startForeground("--james-conf=" + jamesConf);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(sink.receivedFor("survivor@one.test")).hasSize(1));
        assertThat(sink.receivedFor("survivor@one.test").get(0).data()).contains("still here");
    }
}
