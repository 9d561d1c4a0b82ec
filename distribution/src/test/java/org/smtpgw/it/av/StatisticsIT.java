package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smtpgw.it.av.Messages.EICAR;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.it.Closeables;
import org.smtpgw.it.FreePorts;
import org.smtpgw.it.SmtpClient;
import org.smtpgw.it.SmtpSink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The statistics of the manual's A.5 and the AVStatistics lines of A.12 on the packaged gateway: a clean mail, an
 * infected one (EICAR, blocked, the admin notified), a recipient refused for relaying, a message over the size
 * limit, and a clean mail for a route whose server is down (it waits in its outgoing queue), then
 * {@code GET /smtpgw/statistics}; the AVStatistics lines arrive at a TCP listener of the test. A second gateway whose
 * AVStatistics socket is dead still delivers.
 */
class StatisticsIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String ADMIN = "admin@admin.test";

    @TempDir
    static Path dir;
    static SmtpSink sink;
    static StatisticsListener listener;
    static AvGateway gateway;
    static Map<String, Long> statistics;

    @BeforeAll
    static void sendTheFourMails() throws Exception {
        sink = SmtpSink.started();
        listener = StatisticsListener.started();
        gateway = AvGateway.install(dir.resolve("live"))
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.forward", "ForwardRoute", "down.test [127.0.0.1:" + FreePorts.next() + "]",
                "any [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            .set("smtpgw.limits", "MaximalIncomingMessageSize", "100")
            .set("smtpgw.options", "AVStatistics", "127.0.0.1:" + listener.port())
            .set("smtpgw.policy", "AdminNotifyAddress", ADMIN)
            .set("smtpgw.policy", "NotifyFromAddress", "av@gw.test")
            .set("smtpgw.policy", "ActionInfected", "pass")
            .set("smtpgw.policy", "BlockMessage", "infected")
            .set("smtpgw.policy", "NotifyAdmin", "infected")
            .set("smtpgw.policy", "NotifySender", "")
            .set("smtpgw.policy", "NotifyRecipient", "")
            .start();

        gateway.send("alice@client.test", List.of("bob@example.test"),
            Messages.plain("alice@client.test", "bob@example.test", "stats-clean", "nothing to see"));
        gateway.send("mallory@client.test", List.of("carol@example.test"),
            Messages.plain("mallory@client.test", "carol@example.test", "stats-infected", EICAR));
        try (SmtpClient stranger = SmtpClient.connect(InetAddress.getByName("127.0.0.2"), gateway.smtpPort())) {
            stranger.command("EHLO stranger.test");
            stranger.command("MAIL FROM:<eve@stranger.test>");
            assertThat(stranger.command("RCPT TO:<bob@example.test>").code()).isEqualTo(550);
        }
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            String big = "x".repeat(100).concat("\r\n").repeat(2000);
            assertThat(client.send("alice@client.test", List.of("bob@example.test"),
                SmtpClient.message("alice@client.test", "bob@example.test", "stats-big", big)).code()).isEqualTo(552);
        }

        gateway.send("alice@client.test", List.of("zed@down.test"),
            Messages.plain("alice@client.test", "zed@down.test", "stats-waiting", "for a server that is down"));

        await().atMost(WAIT).until(() -> sink.receivedFor("bob@example.test").size() == 1
            && sink.receivedFor(ADMIN).size() == 1);
        // Delivery is counted after the sink answered, a scan after the scan: wait until all are in.
        await().atMost(WAIT).until(() -> statistics().get("mta_sent_messages") == 2
            && statistics().get("antiviral_checked_messages_total") == 3);
        statistics = statistics();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, listener, sink);
    }

    @Test
    void countsTheThreeAcceptedMailsAsReceived() {
        assertThat(statistics)
            .containsEntry("mta_received_messages", 3L)
            .containsEntry("mta_received_recipients", 3L);
        assertThat(statistics.get("mta_received_bytes")).isGreaterThan(EICAR.length());
    }

    @Test
    void countsTheCleanMailAndTheAdminNotificationAsSent() {
        assertThat(statistics)
            .containsEntry("mta_sent_messages", 2L)
            .containsEntry("mta_sent_recipients", 2L);
        assertThat(statistics.get("mta_sent_bytes")).isPositive();
    }

    @Test
    void countsTheScannedMailsTheInfectedObjectTheBlockAndTheNotification() {
        assertThat(statistics)
            .containsEntry("antiviral_checked_messages_total", 3L)
            .containsEntry("antiviral_checked_objects_total", 3L)
            .containsEntry("antiviral_checked_objects_infected", 1L)
            .containsEntry("antiviral_infected_objects", 1L)
            .containsEntry("antiviral_checked_messages_blocked", 1L)
            .containsEntry("antiviral_checked_messages_modified", 0L)
            .containsEntry("antiviral_notifications_generated_for_admin", 1L)
            .containsEntry("antiviral_notifications_generated_for_sender", 0L)
            .containsEntry("antiviral_notifications_generated_for_recipients", 0L)
            .containsEntry("antiviral_checking_sessions_current", 0L)
            .containsEntry("mta_dsn_messages_generated", 0L);
    }

    @Test
    void countsTheRefusalForRelayingAndTheRefusalForSize() {
        assertThat(statistics)
            .containsEntry("mta_incoming_connections_refused_for_relaying", 1L)
            .containsEntry("mta_incoming_connections_refused_total", 1L)
            .containsEntry("mta_receivings_refused_for_message_size_limit", 1L)
            .containsEntry("mta_receivings_refused_total", 1L);
    }

    @Test
    void answersEveryNameOfTheStatisticsFile() {
        assertThat(statistics).containsKeys("time_initialized", "time_processing", "mta_stored_messages_current",
            "mta_incoming_connections_current", "antiviral_check_checked_objects_error",
            "antiviral_checked_objects_through_ichecker", "mta_dsn_messages_generated");
        assertThat(statistics.get("time_initialized")).isPositive();
    }

    @Test
    void countsTheMailWaitingForItsRouteAsStored() {
        // The mail for down.test is in its outgoing queue waiting for a retry; the others have left the queues.
        await().atMost(WAIT).until(() -> statistics().get("mta_stored_messages_current") == 1);
    }

    @Test
    void sendsOneAvStatisticsLinePerScannedMessageToTheSocket() {
        await().atMost(WAIT).until(() -> listener.lines().size() >= 3);

        List<String> lines = listener.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(line -> assertThat(line.split("\t", -1))
            .hasSize(8)
            .satisfies(fields -> {
                assertThat(fields[2]).isEqualTo("mallory@client.test");
                assertThat(fields[3]).isEqualTo("carol@example.test");
                assertThat(fields[4]).isEqualTo("infected");
                assertThat(fields[5]).contains("EICAR");
                assertThat(fields[6]).isEqualTo("127.0.0.1");
            }));
        assertThat(lines).filteredOn(line -> line.split("\t", -1)[4].equals("clean")).hasSize(2);
    }

    @Test
    void deliversWhileTheAvStatisticsSocketIsDead() throws Exception {
        int deadPort = FreePorts.next();
        try (AvGateway dead = AvGateway.install(dir.resolve("dead"))
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.forward", "ForwardRoute", "any [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.options", "AVStatistics", "127.0.0.1:" + deadPort)
            .start()) {
            dead.send("alice@client.test", List.of("dave@example.test"),
                Messages.plain("alice@client.test", "dave@example.test", "stats-dead-socket", "still delivered"));

            await().atMost(WAIT).until(() -> sink.receivedFor("dave@example.test").size() == 1);
            assertThat(sink.receivedFor("dave@example.test").get(0).data()).contains("still delivered");
        }
    }

    @Test
    void countsTheDsnOfAnExpiredMailAsGeneratedAndSentButNotAsReceived() throws Exception {
        try (AvGateway expiring = AvGateway.install(dir.resolve("dsn"))
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.forward", "ForwardRoute", "down.test [127.0.0.1:" + FreePorts.next() + "]",
                "any [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.timeouts", "TestRetryDelays", "1,1")
            .start()) {
            expiring.send("erin@client.test", List.of("zed@down.test"),
                Messages.plain("erin@client.test", "zed@down.test", "stats-expiring", "nobody will take this"));

            await().atMost(WAIT).until(() -> sink.receivedFor("erin@client.test").size() == 1);
            await().atMost(WAIT).until(() -> statistics(expiring).get("mta_sent_messages") == 1);
            Map<String, Long> counted = statistics(expiring);
            assertThat(counted)
                .containsEntry("mta_dsn_messages_generated", 1L)
                .containsEntry("mta_received_messages", 1L)
                .containsEntry("mta_sent_recipients", 1L)
                .containsEntry("antiviral_checked_messages_total", 2L);
        }
    }

    static Map<String, Long> statistics() throws IOException, InterruptedException {
        return statistics(gateway);
    }

    static Map<String, Long> statistics(AvGateway from) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + from.webAdminPort() + "/smtpgw/statistics")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readValue(response.body(), new TypeReference<Map<String, Long>>() { });
    }

    /** A statistics server of the test: accepts connections on a loopback port and keeps the lines it reads. */
    static final class StatisticsListener implements AutoCloseable {
        private final ServerSocket server;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private StatisticsListener(ServerSocket server) {
            this.server = server;
        }

        static StatisticsListener started() throws IOException {
            StatisticsListener listener = new StatisticsListener(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
            Thread accepting = new Thread(listener::accept, "statistics-listener");
            accepting.setDaemon(true);
            accepting.start();
            return listener;
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket client = server.accept();
                     BufferedReader reader = new BufferedReader(
                         new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // closed by the test, or the gateway dropped the connection: accept the next one
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
