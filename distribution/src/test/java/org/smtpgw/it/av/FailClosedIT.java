package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.smtpgw.it.Closeables;
import org.smtpgw.it.SmtpSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed, end to end: a gateway whose built-in engine has no database in service holds mail in the queue,
 * tells the administrator once, and delivers the mail scanned as soon as a database is installed.
 */
class FailClosedIT {
    static final String ADMIN = "admin@admin.test";

    @TempDir
    static Path dir;
    static SmtpSink sink;
    static AvGateway gateway;

    @BeforeAll
    static void startGatewayWithoutDatabase() throws Exception {
        sink = SmtpSink.started();
        gateway = AvGateway.install(dir)
            .set("path", "BasesPath", "var/db/not-yet")
            .set("smtpgw.ave", "EngineRetryDelay", "1")
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.forward", "ForwardRoute", "any [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.policy", "AdminNotifyAddress", ADMIN)
            .set("smtpgw.policy", "NotifyFromAddress", "av@gw.test")
            .start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    void mailWaitsUnscannedWhileNoDatabaseIsInServiceAndIsDeliveredScannedOnceOneIs() throws Exception {
        for (int i = 1; i <= 2; i++) {
            gateway.send("alice@client.test", List.of("bob@dest.test"),
                Messages.plain("alice@client.test", "bob@dest.test", "held-" + i, "nothing bad in here"));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !outageNotices().isEmpty());
        assertThat(outageNotices().get(0).data()).contains("Anti-virus engine unavailable")
            .contains("var/db/not-yet");
        Thread.sleep(15_000); // several retries of EngineRetryDelay=1 (and James' ~10 s queue re-read)
        assertThat(sink.receivedFor("bob@dest.test")).as("nothing leaves unscanned").isEmpty();

        Path bases = gateway.home().resolve("var/db/bases");
        Path target = Files.createDirectories(gateway.home().resolve("var/db/not-yet"));
        try (Stream<Path> files = Files.list(bases)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }

        await().atMost(Duration.ofSeconds(150)).until(() -> sink.receivedFor("bob@dest.test").size() == 2);
        assertThat(sink.receivedFor("bob@dest.test")).allSatisfy(r -> assertThat(r.data())
            .contains("X-Virus-Scanned: smtpgw").contains("X-Virus-Status: clean"));
        assertThat(outageNotices()).as("told once per outage").hasSize(1);
    }

    private static List<SmtpSink.Received> outageNotices() {
        return sink.receivedFor(ADMIN).stream().filter(r -> r.data().contains("X-Smtpgw-Notification")).toList();
    }
}
