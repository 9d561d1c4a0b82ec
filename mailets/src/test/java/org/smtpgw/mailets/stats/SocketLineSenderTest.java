package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.eventlog.LogLevel;

class SocketLineSenderTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private SocketLineSender sender;

    @AfterEach
    void tearDown() {
        if (sender != null) {
            sender.close();
        }
    }

    static ServerSocket loopbackServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
        return server;
    }

    /** A loopback port nothing listens on: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket server = loopbackServer()) {
            return server.getLocalPort();
        }
    }

    @Test
    void writeShouldSendLinesToTheSocketInOrder() throws Exception {
        try (ServerSocket server = loopbackServer()) {
            sender = new SocketLineSender("127.0.0.1", server.getLocalPort(), 100, CONNECT_TIMEOUT,
                Duration.ofSeconds(10)).start();

            sender.write(LogLevel.ACTIVITY, "first line");
            sender.write(LogLevel.ACTIVITY, "second line");

            try (Socket client = server.accept();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(),
                     StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo("first line");
                assertThat(reader.readLine()).isEqualTo("second line");
            }
            assertThat(sender.sent()).isEqualTo(2);
            assertThat(sender.dropped()).isZero();
        }
    }

    @Test
    void senderShouldConnectAgainOnceTheServerIsBack() throws Exception {
        int port = closedPort();
        sender = new SocketLineSender("127.0.0.1", port, 100, CONNECT_TIMEOUT, Duration.ofMillis(20)).start();
        sender.write(LogLevel.ACTIVITY, "lost");
        Eventually.await("first line dropped", () -> sender.dropped() == 1);

        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(20);
            Socket client = null;
            for (int i = 0; client == null && i < 500; i++) {
                sender.write(LogLevel.ACTIVITY, "back");
                try {
                    client = server.accept();
                } catch (SocketTimeoutException e) {
                    // The sender is still waiting for its next attempt.
                }
            }
            assertThat(client).as("sender connected again").isNotNull();
            try (Socket connected = client;
                 BufferedReader reader = new BufferedReader(new InputStreamReader(connected.getInputStream(),
                     StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo("back");
            }
        }
    }

    @Test
    void closeShouldDropQueuedLinesAndLaterOnes() {
        sender = new SocketLineSender("127.0.0.1", 9, 10, CONNECT_TIMEOUT, Duration.ofSeconds(10));
        sender.write(LogLevel.ACTIVITY, "queued");

        sender.close();
        sender.write(LogLevel.ACTIVITY, "after close");

        assertThat(sender.dropped()).isEqualTo(2);
        assertThat(sender.sent()).isZero();
    }
}
