package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control channel of a running packaged server: {@code bin/smtpgwctl} actions (manual 6.4), which go through the
 * management files of ControlPath (A.4) and signal HUP (A.3), and the task routes of WebAdmin. One server for all
 * tests; the reloads come last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static SmtpSink sink;
    static SmtpSink otherSink;
    static Gateway gateway;

    record Ctl(int exitCode, String output) {
    }

    private static Consumer<ConfEditor> routeTo(SmtpSink target) {
        return conf -> conf
            .set("smtpgw.network", "Hostname", "gw.test")
            .set("smtpgw.network", "Postmaster", "postmaster@gw.test")
            .set("smtpgw.forward", "ForwardRoute", "one.test [127.0.0.1:" + target.port() + "]")
            .set("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            .set("smtpgw.ave", "EngineRetryDelay", "1");
    }

    @BeforeAll
    static void startGateway() throws Exception {
        sink = SmtpSink.started();
        otherSink = SmtpSink.started();
        gateway = Gateway.install(dir);
        gateway.configure(routeTo(sink));
        gateway.startForeground();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, sink, otherSink);
    }

    static Ctl ctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(gateway.home().resolve("bin/smtpgwctl").toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "ctl", ".out");
        Process process = new ProcessBuilder(command)
            .directory(gateway.home().toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        assertThat(process.waitFor(360, TimeUnit.SECONDS)).as("smtpgwctl " + String.join(" ", args) + " returned").isTrue();
        return new Ctl(process.exitValue(), Files.readString(output));
    }

    static void send(String recipient, String subject) throws IOException {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            assertThat(client.greeting().code()).isEqualTo(220);
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of(recipient),
                SmtpClient.message("alice@client.test", recipient, subject, "hello"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }
    }

    static long statistic(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\d+)$").matcher(output);
        assertThat(m.find()).as(name + " in\n" + output).isTrue();
        return Long.parseLong(m.group(1));
    }

    static HttpResponse<String> webAdmin(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.webAdminPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The first line a new connection gets, and whether the server then closed it. */
    record Greeting(String line, boolean closedAfterIt) {
    }

    static Greeting greetingOfNewConnection() throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(15_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gateway.smtpPort()), 10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String first = in.readLine();
            if (first == null || !first.startsWith("421")) {
                return new Greeting(first, false);
            }
            return new Greeting(first, in.readLine() == null);
        }
    }

    @Test
    @Order(1)
    void statsPrintsTheStatisticsCountingAReceivedMessage() throws Exception {
        long before = statistic(ctl("stats").output(), "mta_received_messages");
        send("bob@one.test", "counted");
        await().atMost(WAIT).untilAsserted(() -> assertThat(sink.receivedFor("bob@one.test")).hasSize(1));

        Ctl stats = ctl("stats");

        assertThat(stats.exitCode()).as(stats.output()).isZero();
        assertThat(statistic(stats.output(), "mta_received_messages")).isEqualTo(before + 1);
        assertThat(statistic(stats.output(), "task_receiver_running")).isEqualTo(1);
        assertThat(gateway.home().resolve("var/run/smtpgw.stat")).content().contains("mta_received_messages=");
    }

    @Test
    @Order(2)
    void recvOffAnswersNewConnectionsWith421AndRecvOnGreetsThemAgain() throws Exception {
        Ctl off = ctl("recv-off");
        assertThat(off.exitCode()).as(off.output()).isZero();

        Greeting refused = greetingOfNewConnection();
        assertThat(refused.line()).startsWith("421 ").contains("4.3.2");
        assertThat(refused.closedAfterIt()).as("connection closed after the 421, no 220 after it").isTrue();
        assertThat(statistic(ctl("stats").output(), "task_receiver_running")).isZero();

        Ctl on = ctl("recv-on");
        assertThat(on.exitCode()).as(on.output()).isZero();
        assertThat(greetingOfNewConnection().line()).startsWith("220 ");
    }

    @Test
    @Order(2)
    void sessionOpenWhenTheReceiverStopsGets421AtItsNextMailFrom() throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            assertThat(client.command("EHLO client.test").code()).isEqualTo(250);
            assertThat(ctl("recv-off").exitCode()).isZero();
            try {
                SmtpClient.Reply reply = client.command("MAIL FROM:<alice@client.test>");

                assertThat(reply.code()).as(reply.text()).isEqualTo(421);
                assertThat(reply.text()).contains("4.3.2");
            } finally {
                assertThat(ctl("recv-on").exitCode()).isZero();
            }
        }
    }

    @Test
    @Order(3)
    void avirOffHoldsMailUnscannedUntilAvirOn() throws Exception {
        Ctl off = ctl("avir-off");
        assertThat(off.exitCode()).as(off.output()).isZero();

        send("held@one.test", "held while scanning is off");
        // Long enough for several EngineRetryDelay=1 rounds and James' queue re-read.
        Thread.sleep(15_000);
        assertThat(sink.receivedFor("held@one.test")).isEmpty();

        Ctl on = ctl("avir-on");
        assertThat(on.exitCode()).as(on.output()).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sink.receivedFor("held@one.test")).hasSize(1));
        assertThat(sink.receivedFor("held@one.test").get(0).data()).contains("X-Virus-Scanned:");
    }

    @Test
    @Order(4)
    void reloadbasesSucceeds() throws Exception {
        Ctl reload = ctl("reloadbases");

        assertThat(reload.exitCode()).as(reload.output()).isZero();
        assertThat(reload.output()).contains("anti-virus databases reloaded");
    }

    @Test
    @Order(5)
    void webAdminReadsAndSwitchesTheTasks() throws Exception {
        HttpResponse<String> tasks = webAdmin("GET", "/smtpgw/tasks");
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).contains("\"receiver\":\"running\"").contains("\"sender\":\"running\"")
            .contains("\"antivirus\":\"running\"");

        HttpResponse<String> stop = webAdmin("PUT", "/smtpgw/tasks/receiver?action=stop");
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        assertThat(stop.body()).contains("\"state\":\"stopped\"").contains("\"changed\":true");
        assertThat(greetingOfNewConnection().line()).startsWith("421 ");

        HttpResponse<String> start = webAdmin("POST", "/smtpgw/tasks/receiver?action=start");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        assertThat(greetingOfNewConnection().line()).startsWith("220 ");

        assertThat(webAdmin("PUT", "/smtpgw/tasks/printer?action=stop").statusCode()).isEqualTo(404);
        assertThat(webAdmin("PUT", "/smtpgw/tasks/sender?action=pause").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void reloadWithAnInvalidFileExits66AndTheServerRunsOn() throws Exception {
        Path conf = gateway.home().resolve("conf/smtpgw.conf");
        String valid = Files.readString(conf);
        Files.writeString(conf, valid.replace("LogLevel=4", "LogLevel=42"));
        try {
            Ctl reload = ctl("reload");

            assertThat(reload.exitCode()).as(reload.output()).isEqualTo(66);
            assertThat(reload.output()).contains("LogLevel").contains("not touched");
            assertThat(gateway.pid()).hasValueSatisfying(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
            send("still@one.test", "still running");
            await().atMost(WAIT).untilAsserted(() -> assertThat(sink.receivedFor("still@one.test")).hasSize(1));
        } finally {
            Files.writeString(conf, valid);
        }
    }

    @Test
    @Order(7)
    void hangupWithAnInvalidFileLeavesTheServerRunningAndSaysWhy() throws Exception {
        long pid = gateway.pid().orElseThrow();
        Path conf = gateway.home().resolve("conf/smtpgw.conf");
        Path status = gateway.home().resolve("var/run/smtpgw.reload");
        String valid = Files.readString(conf);
        Files.writeString(conf, valid.replace("MaximalIncomingSessionsPerIP=4", "MaximalIncomingSessionsPerIP=many"));
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor()).isZero();

            await().atMost(WAIT).untilAsserted(() -> assertThat(status).content()
                .contains("result=invalid").contains("MaximalIncomingSessionsPerIP"));
            assertThat(ProcessHandle.of(pid)).isPresent();
            assertThat(greetingOfNewConnection().line()).startsWith("220 ");
        } finally {
            Files.writeString(conf, valid);
        }
    }

    @Test
    @Order(8)
    void reloadWithAChangedRouteDeliversToTheNewSinkInTheSameProcessAndKeepsQueuedMail() throws Exception {
        long pid = gateway.pid().orElseThrow();
        // A mail waiting in the queue during the reload (scanning is off, so it cannot leave before).
        assertThat(ctl("avir-off").exitCode()).isZero();
        send("queued@one.test", "queued across the reload");
        gateway.configure(routeTo(otherSink));

        Ctl reload = ctl("reload");

        assertThat(reload.exitCode()).as(reload.output() + gateway.log()).isZero();
        assertThat(reload.output()).contains("configuration reloaded");
        assertThat(gateway.pid()).contains(pid);
        send("moved@one.test", "after the reload");
        await().atMost(WAIT).untilAsserted(() -> assertThat(otherSink.receivedFor("moved@one.test")).hasSize(1));
        assertThat(sink.receivedFor("moved@one.test")).isEmpty();
        // The queued mail survived the reload; the new server runs every task again and routes it the new way.
        await().atMost(WAIT).untilAsserted(() -> assertThat(otherSink.receivedFor("queued@one.test")).hasSize(1));
        assertThat(sink.receivedFor("queued@one.test")).isEmpty();
        assertThat(ctl("status").output()).contains("running (pid " + pid + ")");
        // The control files now reach the new server (the old one's poller stopped with it).
        assertThat(ctl("recv-off").exitCode()).isZero();
        assertThat(greetingOfNewConnection().line()).startsWith("421 ");
        assertThat(ctl("recv-on").exitCode()).isZero();
        assertThat(greetingOfNewConnection().line()).startsWith("220 ");
    }
}
