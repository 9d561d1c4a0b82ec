package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The receiver's per-phase timeouts of {@code [smtpgw.timeouts]} on the packaged gateway, with test-sized values
 * (ReceivingCommandTimeout 2 s, ReceivingDataInitiationTimeout 6 s, ReceivingDataTerminationTimeout 4 s, ReadTimeout
 * 60 s so that it never decides here), and the incoming connection statistics.
 */
class ReceivingTimeoutsIT {
    private static final String TIMEOUT_REPLY = "421 4.4.2 gw.test Error: timeout exceeded";
    /** Generous bound for the server to act on an expired timeout on a loaded machine: no test depends on it. */
    private static final int PATIENCE_MS = 40_000;

    @TempDir
    static Path dir;
    static SmtpSink sink;
    static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = SmtpSink.started();
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.network", "Postmaster", "postmaster@gw.test")
            .set("smtpgw.forward", "ForwardRoute", "one.test [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.0/8 to any")
            .set("smtpgw.limits", "IncomingSessions", "20")
            .set("smtpgw.limits", "MaximalIncomingSessionsPerIP", "3")
            .set("smtpgw.timeouts", "ReceivingCommandTimeout", "2")
            .set("smtpgw.timeouts", "ReceivingDataInitiationTimeout", "6")
            .set("smtpgw.timeouts", "ReceivingDataTerminationTimeout", "4")
            .set("smtpgw.timeouts", "ReadTimeout", "60"));
        gateway.startForeground();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    void silentClientIsDroppedAfterTheCommandTimeoutAndCountedAsAConnectionError() throws Exception {
        long errorsBefore = statistics().get("mta_incoming_connection_errors");
        try (RawClient client = RawClient.connect("127.0.0.11", gateway.smtpPort())) {
            assertThat(client.readLine(PATIENCE_MS)).startsWith("220 ");

            assertThat(client.readLine(PATIENCE_MS)).isEqualTo(TIMEOUT_REPLY);
            assertThat(client.closedByServer(PATIENCE_MS)).isTrue();
        }
        await().atMost(Duration.ofSeconds(30))
            .until(() -> statistics().get("mta_incoming_connection_errors") > errorsBefore);
    }

    // James takes the verb after trimming the line and ends the content only at a 3-byte ".\r\n": the timeout
    // handler must agree, or it would wait for a reply James never sends and no timeout would run any more.
    @Test
    void clientStallingAfterDataWithALeadingBlankOrAfterADotLineThatIsContentIsStillDropped() throws Exception {
        try (RawClient client = RawClient.connect("127.0.0.15", gateway.smtpPort())) {
            assertThat(client.readLine(PATIENCE_MS)).startsWith("220 ");
            assertThat(client.command("HELO client.test")).startsWith("250");
            assertThat(client.command("MAIL FROM:<alice@client.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<blank@one.test>")).startsWith("250");
            assertThat(client.command(" DATA")).startsWith("354");
            client.write("Subject: leading blank\r\n\r\nbody\r\n");

            assertThat(client.readLine(PATIENCE_MS)).isEqualTo(TIMEOUT_REPLY);
            assertThat(client.closedByServer(PATIENCE_MS)).isTrue();
        }
        try (RawClient client = RawClient.connect("127.0.0.15", gateway.smtpPort())) {
            assertThat(client.readLine(PATIENCE_MS)).startsWith("220 ");
            assertThat(client.command("HELO client.test")).startsWith("250");
            assertThat(client.command("MAIL FROM:<alice@client.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<dotline@one.test>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.write("Subject: dot line\r\n\r\nbody\r\n.\r\r\n");

            assertThat(client.readLine(PATIENCE_MS)).isEqualTo(TIMEOUT_REPLY);
            assertThat(client.closedByServer(PATIENCE_MS)).isTrue();
        }
        assertThat(sink.receivedFor("blank@one.test")).isEmpty();
        assertThat(sink.receivedFor("dotline@one.test")).isEmpty();
    }

    @Test
    void clientStallingAfterTheFirstRcptGetsTheLongerDataInitiationTimeout() throws Exception {
        try (RawClient client = RawClient.connect("127.0.0.12", gateway.smtpPort())) {
            assertThat(client.readLine(PATIENCE_MS)).startsWith("220 ");
            assertThat(client.command("HELO client.test")).startsWith("250");
            assertThat(client.command("MAIL FROM:<alice@client.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<bob@one.test>")).startsWith("250");

            // twice the command timeout of silence: still served, the data-initiation timeout applies now
            assertThat(client.readLine(4_000)).as("nothing from the server after 4 s").isNull();
            assertThat(client.command("RCPT TO:<carol@one.test>")).as("a following RCPT").startsWith("250");

            assertThat(client.readLine(PATIENCE_MS)).isEqualTo(TIMEOUT_REPLY);
            assertThat(client.closedByServer(PATIENCE_MS)).isTrue();
        }
    }

    @Test
    void clientStallingInsideDataIsDroppedAndItsMailIsNotDelivered() throws Exception {
        try (RawClient client = RawClient.connect("127.0.0.13", gateway.smtpPort())) {
            assertThat(client.readLine(PATIENCE_MS)).startsWith("220 ");
            assertThat(client.command("HELO client.test")).startsWith("250");
            assertThat(client.command("MAIL FROM:<alice@client.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<stalled@one.test>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.write(SmtpClient.message("alice@client.test", "stalled@one.test", "stalled inside data",
                "never finished"));

            assertThat(client.readLine(PATIENCE_MS)).isEqualTo(TIMEOUT_REPLY);
            assertThat(client.closedByServer(PATIENCE_MS)).isTrue();
        }

        // a mail sent afterwards arrives; the stalled one, queued before it had it been accepted, does not
        try (SmtpClient client = SmtpClient.connect(InetAddress.getByName("127.0.0.13"), gateway.smtpPort())) {
            client.command("HELO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("after@one.test"),
                SmtpClient.message("alice@client.test", "after@one.test", "after the stall", "complete"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !sink.receivedFor("after@one.test").isEmpty());
        assertThat(sink.receivedFor("stalled@one.test")).isEmpty();
        assertThat(sink.mentioning("never finished")).isEmpty();
    }

    @Test
    void connectionsAreCountedWhileOpenAndRefusalsByTheirLimit() throws Exception {
        Map<String, Long> before = statistics();
        List<RawClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawClient client = RawClient.connect("127.0.0.14", gateway.smtpPort());
                open.add(client);
                assertThat(client.readLine(PATIENCE_MS)).startsWith("220 ");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> statistics().get("mta_incoming_connections_current") >= 3);

            try (RawClient refused = RawClient.connect("127.0.0.14", gateway.smtpPort())) {
                assertThat(refused.readLine(PATIENCE_MS)).startsWith("421 4.7.0");
                assertThat(refused.closedByServer(PATIENCE_MS)).isTrue();
            }
            Map<String, Long> during = statistics();
            assertThat(during.get("mta_incoming_connections_total") - before.get("mta_incoming_connections_total"))
                .isGreaterThanOrEqualTo(4);
            assertThat(during.get("mta_incoming_connections_maximum")).isGreaterThanOrEqualTo(3);
            assertThat(during.get("mta_incoming_connections_refused_for_sessions_per_ip_limit")
                - before.get("mta_incoming_connections_refused_for_sessions_per_ip_limit")).isEqualTo(1);
            assertThat(during.get("mta_incoming_connections_refused_total")
                - before.get("mta_incoming_connections_refused_total")).isEqualTo(1);
        } finally {
            for (RawClient client : open) {
                client.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> statistics().get("mta_incoming_connections_current") == 0);
    }

    static Map<String, Long> statistics() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.webAdminPort() + "/smtpgw/statistics")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readValue(response.body(), new TypeReference<Map<String, Long>>() { });
    }

    /** A socket that can stop anywhere in a session: SmtpClient always completes what it starts. */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        private RawClient(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        static RawClient connect(String from, int port) throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            return new RawClient(socket);
        }

        /** The next line, or null when none arrives within {@code millis}. */
        String readLine(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return in.readLine();
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        /** A command and the last line of its reply. */
        String command(String line) throws IOException {
            write(line + "\r\n");
            String reply;
            do {
                reply = readLine(PATIENCE_MS);
            } while (reply != null && reply.length() > 3 && reply.charAt(3) == '-');
            return reply;
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** True when the server closes the connection (end of stream) within {@code millis}. */
        boolean closedByServer(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
