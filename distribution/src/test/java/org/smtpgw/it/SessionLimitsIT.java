package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code IncomingSessions} and {@code MaximalIncomingSessionsPerIP} limit the open SMTP sessions of the gateway. */
class SessionLimitsIT {
    @TempDir
    static Path dir;
    static Gateway gateway;
    final List<SmtpClient> open = new ArrayList<>();

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.limits", "IncomingSessions", "4")
            .set("smtpgw.limits", "MaximalIncomingSessionsPerIP", "2"));
        gateway.startForeground();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void closeSessions() throws IOException {
        for (SmtpClient client : open) {
            client.close();
        }
    }

    // One test for both limits: sessions are counted out asynchronously after a close, so a second test could not
    // start from a known count. For the same reason a session expected to be served right after a refused one is
    // awaited: the refused connection may still be counted for a moment.
    @Test
    void refusesSessionsBeyondThePerAddressAndTheTotalLimit() throws Exception {
        assertThat(served("127.0.0.1")).isTrue();
        assertThat(served("127.0.0.1")).isTrue();
        assertThat(served("127.0.0.1")).as("third session from 127.0.0.1, the third of four in all").isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> served("127.0.0.2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> served("127.0.0.3"));
        assertThat(served("127.0.0.4")).as("a fifth session in all").isFalse();
    }

    /** Opens a session from {@code address} and keeps it open; true when the gateway greets it with 220. */
    private boolean served(String address) throws IOException {
        SmtpClient client;
        try {
            client = SmtpClient.connect(InetAddress.getByName(address), gateway.smtpPort());
        } catch (IOException closedWithoutGreeting) {
            return false;
        }
        open.add(client);
        if (client.greeting().code() != 220) {
            return false;
        }
        // The limit is enforced when the connection is accepted; a command proves the session is really served.
        try {
            return client.command("NOOP").code() == 250;
        } catch (IOException closed) {
            return false;
        }
    }
}
