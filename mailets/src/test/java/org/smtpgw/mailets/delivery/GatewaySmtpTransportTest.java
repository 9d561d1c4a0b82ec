package org.smtpgw.mailets.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.URLName;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.delivery.StallingSmtpSink.Phase;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.mailets.stats.GatewayStatistics.Level;

@Timeout(30)
class GatewaySmtpTransportTest {

    private static final int LONG = 60_000;

    private final MutableClock clock = new MutableClock();
    private GatewayStatistics statistics;
    private GatewayTasks tasks;
    private final List<StallingSmtpSink> sinks = new ArrayList<>();

    @BeforeEach
    void setUp() {
        statistics = new GatewayStatistics();
        tasks = new GatewayTasks(statistics);
        OutgoingConnectionsBridge.install(new OutgoingConnections(statistics, tasks, clock));
    }

    @AfterEach
    void tearDown() throws IOException {
        OutgoingConnectionsBridge.uninstall();
        for (StallingSmtpSink sink : sinks) {
            sink.close();
        }
    }

    @Test
    void deliversThroughTheGatewayTransportAndCountsTheConnection() throws Exception {
        StallingSmtpSink sink = sink(null, 0);
        send(properties(20, 4), "127.0.0.1", sink.port());

        assertThat(sink.messages()).hasSize(1);
        assertThat(sink.verbs()).containsExactly("EHLO", "MAIL", "RCPT", "DATA", "QUIT");
        assertThat(statistics.get(Counter.OUTGOING_CONNECTIONS_TOTAL)).isEqualTo(1);
        assertThat(statistics.current(Level.OUTGOING_CONNECTIONS)).isZero();
        assertThat(statistics.maximum(Level.OUTGOING_CONNECTIONS)).isEqualTo(1);
    }

    @Test
    void perHostLimitHoldsForEachHost() throws Exception {
        StallingSmtpSink first = sink(null, 300);
        StallingSmtpSink second = sink(null, 300);
        List<Callable> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(() -> send(properties(20, 1), "127.0.0.1", first.port()));
            jobs.add(() -> send(properties(20, 1), "localhost", second.port()));
        }
        runConcurrently(jobs);

        assertThat(first.maxConcurrent()).isEqualTo(1);
        assertThat(second.maxConcurrent()).isEqualTo(1);
        assertThat(first.messages()).hasSize(4);
        assertThat(second.messages()).hasSize(4);
        assertThat(statistics.current(Level.OUTGOING_CONNECTIONS)).isZero();
    }

    @Test
    void totalLimitHoldsOverAllHosts() throws Exception {
        StallingSmtpSink sink = sink(null, 300);
        List<Callable> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(() -> send(properties(2, 10), "127.0.0.1", sink.port()));
        }
        runConcurrently(jobs);

        assertThat(sink.maxConcurrent()).isEqualTo(2);
        assertThat(statistics.maximum(Level.OUTGOING_CONNECTIONS)).isEqualTo(2);
        assertThat(sink.messages()).hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void phaseTimeoutFiresWhenTheServerStallsInThatPhase(Phase phase) throws Exception {
        StallingSmtpSink sink = sink(phase, 0);
        Properties p = properties(20, 4);
        for (String key : List.of(OutgoingSettings.GREETING_TIMEOUT, OutgoingSettings.HELLO_TIMEOUT,
            OutgoingSettings.MAIL_TIMEOUT, OutgoingSettings.RCPT_TIMEOUT, OutgoingSettings.DATA_INITIATION_TIMEOUT,
            OutgoingSettings.DATA_TERMINATION_TIMEOUT, OutgoingSettings.QUIT_TIMEOUT)) {
            p.setProperty(key, key.equals(timeoutKey(phase)) ? "300" : String.valueOf(LONG));
        }

        assertThatThrownBy(() -> send(p, "127.0.0.1", sink.port()))
            .isInstanceOf(MessagingException.class)
            .satisfies(e -> assertThat(causes(e)).anyMatch(SocketTimeoutException.class::isInstance));
        if (phase != Phase.QUIT) {
            assertThat(statistics.get(Counter.OUTGOING_CONNECTION_ERRORS)).isEqualTo(1);
        }
        assertThat(statistics.current(Level.OUTGOING_CONNECTIONS)).isZero();
    }

    @Test
    void unreachableHostIsNotTriedAgainWithinThePeriod() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Properties p = properties(20, 4);
        p.setProperty(OutgoingSettings.UNREACHABLE_PERIOD, "60");
        assertThatThrownBy(() -> send(p, "127.0.0.1", port))
            .satisfies(e -> assertThat(causes(e)).anyMatch(ConnectException.class::isInstance));

        StallingSmtpSink sink = new StallingSmtpSink(port, null, 0);
        sinks.add(sink);
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> send(p, "127.0.0.1", port))
            .hasMessageContaining("UnreachableCacheRefreshPeriod")
            .satisfies(e -> assertThat(causes(e)).anyMatch(IOException.class::isInstance));
        assertThat(sink.connections()).isZero();
        assertThat(statistics.get(Counter.OUTGOING_CONNECTIONS_FAILED_TOTAL)).isEqualTo(2);
        assertThat(statistics.get(Counter.OUTGOING_CONNECTIONS_FAILED_THROUGH_CACHE)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        send(p, "127.0.0.1", port);
        assertThat(sink.messages()).hasSize(1);
    }

    @Test
    void stoppedSenderMakesNoConnectionAndFailsTemporarily() throws Exception {
        StallingSmtpSink sink = sink(null, 0);
        tasks.stop(GatewayTasks.Task.SENDER);

        assertThatThrownBy(() -> send(properties(20, 4), "127.0.0.1", sink.port()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("Sender task stopped")
            .satisfies(e -> assertThat(e.getMessage()).doesNotMatch("^[0-9].*"));
        assertThat(sink.connections()).isZero();

        tasks.start(GatewayTasks.Task.SENDER);
        send(properties(20, 4), "127.0.0.1", sink.port());
        assertThat(sink.messages()).hasSize(1);
    }

    @Test
    void withoutTheModuleTheTransportBehavesAsJavaMailsOwn() throws Exception {
        OutgoingConnectionsBridge.uninstall();
        StallingSmtpSink sink = sink(null, 0);
        tasks.stop(GatewayTasks.Task.SENDER);

        send(properties(20, 4), "127.0.0.1", sink.port());

        assertThat(sink.messages()).hasSize(1);
        assertThat(statistics.get(Counter.OUTGOING_CONNECTIONS_TOTAL)).isZero();
    }

    @Test
    void remoteSizeRefusalIsCountedAsSendingRefusedForSize() {
        MessagingException refused = new com.sun.mail.smtp.SMTPSendFailedException("MAIL",
            552, "552 5.3.4 Message size exceeds fixed limit", null, null, null, null);
        new OutgoingConnections(statistics, tasks, clock).failed(refused);

        assertThat(statistics.get(Counter.SENDINGS_REFUSED_TOTAL)).isEqualTo(1);
        assertThat(statistics.get(Counter.SENDINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT)).isEqualTo(1);
        assertThat(statistics.get(Counter.OUTGOING_CONNECTION_ERRORS)).isZero();
    }

    private static String timeoutKey(Phase phase) {
        return switch (phase) {
            case GREETING -> OutgoingSettings.GREETING_TIMEOUT;
            case HELLO -> OutgoingSettings.HELLO_TIMEOUT;
            case MAIL -> OutgoingSettings.MAIL_TIMEOUT;
            case RCPT -> OutgoingSettings.RCPT_TIMEOUT;
            case DATA -> OutgoingSettings.DATA_INITIATION_TIMEOUT;
            case DATA_END -> OutgoingSettings.DATA_TERMINATION_TIMEOUT;
            case QUIT -> OutgoingSettings.QUIT_TIMEOUT;
        };
    }

    private StallingSmtpSink sink(Phase stall, long holdMillis) throws IOException {
        StallingSmtpSink sink = new StallingSmtpSink(stall, holdMillis);
        sinks.add(sink);
        return sink;
    }

    private static Properties properties(int sessions, int perHost) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.class", org.smtpgw.mailets.delivery.transport.SMTPTransport.class.getName());
        p.setProperty(OutgoingSettings.OUTGOING_SESSIONS, String.valueOf(sessions));
        p.setProperty(OutgoingSettings.OUTGOING_SESSIONS_PER_HOST, String.valueOf(perHost));
        p.setProperty(OutgoingSettings.CONNECTION_TIMEOUT, "5000");
        p.setProperty(OutgoingSettings.READ_TIMEOUT, "10000");
        p.setProperty(OutgoingSettings.WRITE_TIMEOUT, "10000");
        p.setProperty("mail.smtp.localhost", "gateway.test");
        return p;
    }

    /**
     * Delivers one mail the way RemoteDelivery does: getTransport(URLName), connect, sendMessage, close; JavaMail
     * accepts mail.smtp.class only because META-INF/javamail.providers lists the transport.
     */
    private static Void send(Properties p, String host, int port) throws MessagingException {
        Session session = Session.getInstance(p);
        Transport transport = session.getTransport(new URLName("smtp", host, port, null, null, null));
        assertThat(transport).isInstanceOf(GatewaySmtpTransport.class);
        try {
            transport.connect();
            MimeMessage message = new MimeMessage(session);
            message.setFrom("sender@example.org");
            message.setRecipients(Message.RecipientType.TO, "rcpt@example.com");
            message.setSubject("test");
            message.setText("hello");
            message.saveChanges();
            transport.sendMessage(message, new Address[] {new InternetAddress("rcpt@example.com")});
        } finally {
            transport.close();
        }
        return null;
    }

    private static void runConcurrently(List<Callable> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable job : jobs) {
                futures.add(pool.submit(job::call));
            }
            for (Future<Void> f : futures) {
                f.get(25, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable x = e; x != null && !all.contains(x); x = x.getCause()) {
            all.add(x);
        }
        return all;
    }

    @FunctionalInterface
    private interface Callable {
        Void call() throws Exception;
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
