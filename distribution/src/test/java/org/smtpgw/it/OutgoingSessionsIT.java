package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * MaximalOutgoingSessionsPerHost holds against a slow downstream: several mails for one route are delivered one
 * connection at a time, and all arrive. A stopped sender task makes no connection and keeps the mail queued.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutgoingSessionsIT {
    private static final int MAILS = 5;

    @TempDir
    static Path dir;
    static SlowSink sink;
    static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = new SlowSink(FreePorts.next(), 1500);
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.forward", "ForwardRoute", "slow.test [127.0.0.1:" + sink.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            .set("smtpgw.limits", "MaximalOutgoingSessionsPerHost", "1")
            // retries five minutes apart: a mail held by the stopped sender can only arrive within the test's 90 s
            // because starting the sender retries queued mail at once
            .set("smtpgw.timeouts", "TestRetryDelays", "300,300"));
        gateway.startForeground();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink);
    }

    @Test
    @Order(1)
    void aSlowHostNeverGetsMoreThanOneConnectionAndEveryMailArrives() throws Exception {
        for (int i = 0; i < MAILS; i++) {
            try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
                client.command("EHLO client.test");
                String rcpt = "user" + i + "@slow.test";
                SmtpClient.Reply reply = client.send("alice@client.test", List.of(rcpt),
                    SmtpClient.message("alice@client.test", rcpt, "mail " + i, "body " + i));
                assertThat(reply.code()).as(reply.text()).isEqualTo(250);
            }
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
            assertThat(sink.messages()).hasSize(MAILS));
        System.out.println("OutgoingSessionsIT: " + sink.connections() + " connections, at most "
            + sink.maxConcurrent() + " at once");
        assertThat(sink.maxConcurrent()).isEqualTo(1);
        for (int i = 0; i < MAILS; i++) {
            String body = "body " + i;
            assertThat(sink.messages()).anyMatch(m -> m.contains(body));
        }
    }

    @Test
    @Order(2)
    void aStoppedSenderMakesNoConnectionAndDeliversAtOnceWhenStarted() throws Exception {
        assertThat(webAdmin("PUT", "/smtpgw/tasks/sender?action=stop").statusCode()).isEqualTo(200);
        int connectionsBefore = sink.connections();
        int messagesBefore = sink.messages().size();
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of("held@slow.test"),
                SmtpClient.message("alice@client.test", "held@slow.test", "held", "held body"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }
        // a delivery attempt was made and refused by the switch
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(gateway.log()).contains("Sender task stopped"));
        assertThat(sink.connections()).isEqualTo(connectionsBefore);

        assertThat(webAdmin("PUT", "/smtpgw/tasks/sender?action=start").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
            assertThat(sink.messages()).hasSize(messagesBefore + 1));
        assertThat(sink.messages().get(messagesBefore)).contains("held body");
    }

    static HttpResponse<String> webAdmin(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.webAdminPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A downstream that waits before each greeting and counts its simultaneous connections. */
    static final class SlowSink implements AutoCloseable {
        private final ServerSocket server;
        private final long holdMillis;
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger concurrent = new AtomicInteger();
        private final AtomicInteger maxConcurrent = new AtomicInteger();
        private final List<String> messages = new CopyOnWriteArrayList<>();

        SlowSink(int port, long holdMillis) throws IOException {
            this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            this.holdMillis = holdMillis;
            Thread acceptor = new Thread(this::accept, "slow-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        int maxConcurrent() {
            return maxConcurrent.get();
        }

        List<String> messages() {
            return messages;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "slow-sink-session");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            boolean ended = false;
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
                Thread.sleep(holdMillis);
                reply(out, "220 slow sink");
                String line;
                while ((line = in.readLine()) != null) {
                    String upper = line.toUpperCase(Locale.ROOT);
                    if (upper.startsWith("EHLO")) {
                        reply(out, "250 slow sink");
                    } else if (upper.equals("DATA")) {
                        reply(out, "354 go on");
                        StringBuilder data = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            data.append(line).append('\n');
                        }
                        messages.add(data.toString());
                        reply(out, "250 queued");
                    } else if (upper.equals("QUIT")) {
                        // the session ends here for the count: the gateway frees its session once it reads the reply
                        ended = true;
                        concurrent.decrementAndGet();
                        reply(out, "221 bye");
                        return;
                    } else {
                        reply(out, "250 ok");
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the gateway went away
            } finally {
                if (!ended) {
                    concurrent.decrementAndGet();
                }
            }
        }

        private static void reply(Writer out, String text) throws IOException {
            out.write(text + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
