package org.smtpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.control.ControlActions;
import org.smtpgw.mailets.control.ControlFilePoller;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.control.GatewayTasks.Task;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.mailets.stats.StatisticsWriter;
import org.smtpgw.server.control.ControlSettings;

/**
 * {@code smtpgwctl} actions against a home in a temporary directory. The server's side of the management files is
 * the real {@link ControlFilePoller} over the ControlPath of the home's smtpgw.conf; this test JVM stands in for the
 * server process named by the pid file.
 */
class ControlCommandTest {
    private static final Predicate<ProcessHandle> THIS_JVM_IS_THE_SERVER =
        process -> process.pid() == ProcessHandle.current().pid();

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final GatewayStatistics statistics = new GatewayStatistics();
    private final GatewayTasks tasks = new GatewayTasks(statistics);
    private Path controlPath;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(home.resolve("conf/templates"));
        Files.copy(Path.of("src/main/conf/smtpgw.conf"), home.resolve("conf/smtpgw.conf"));
        Files.copy(Path.of("src/main/conf/templates/dsn.txt"), home.resolve("conf/templates/dsn.txt"));
        controlPath = Files.createDirectories(home.resolve("var/run"));
    }

    private int ctl(String... args) {
        Launcher.Environment environment = new Launcher.Environment(home, home, "java", List.of(), "");
        return ControlCommand.run(environment, THIS_JVM_IS_THE_SERVER, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private void serverIsRunning() throws IOException {
        Files.writeString(home.resolve("var/run/smtpgw.pid"), ProcessHandle.current().pid() + "\n");
    }

    private ControlFilePoller startPoller() {
        ControlFilePoller poller = new ControlFilePoller(controlPath, new ControlActions(tasks,
            new StatisticsWriter(statistics), home.resolve("var/run/smtpgw.stat"), List::of));
        poller.start(java.time.Duration.ofMillis(50));
        return poller;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statsPrintsTheStatisticsTheServerWrote() throws IOException {
        serverIsRunning();
        statistics.add(Counter.MTA_RECEIVED_MESSAGES, 2);
        try (ControlFilePoller poller = startPoller()) {
            assertThat(ctl("stats")).as(err()).isZero();
        }
        assertThat(out()).contains("mta_received_messages=2\n").contains("time_initialized=");
        assertThat(controlPath.resolve(".c_stats")).doesNotExist();
    }

    @Test
    void taskActionsSwitchTheServersTasks() throws IOException {
        serverIsRunning();
        try (ControlFilePoller poller = startPoller()) {
            assertThat(ctl("recv-off")).isZero();
            assertThat(tasks.isRunning(Task.RECEIVER)).isFalse();
            assertThat(ctl("avir-off")).isZero();
            assertThat(tasks.isRunning(Task.ANTIVIRUS)).isFalse();
            assertThat(ctl("send-off")).isZero();
            assertThat(tasks.isRunning(Task.SENDER)).isFalse();
            assertThat(ctl("recv-on")).isZero();
            assertThat(tasks.isRunning(Task.RECEIVER)).isTrue();
        }
        assertThat(out()).contains("receiver task stopped").contains("receiver task running");
    }

    @Test
    void actionsReachTheControlPathTheRunningServerUsesEvenWhenTheFileWasEditedSince() throws IOException {
        serverIsRunning();
        Path used = Files.createDirectories(home.resolve("var/control-in-use"));
        new ReloadStatus(ProcessHandle.current().pid(), 0, ReloadStatus.Result.STARTED, "started",
            home.resolve("conf/smtpgw.conf"), new ControlSettings(used, home.resolve("var/run/smtpgw.stat")))
            .writeTo(ReloadStatus.file(home));
        ControlFilePoller poller = new ControlFilePoller(used, new ControlActions(tasks,
            new StatisticsWriter(statistics), home.resolve("var/run/smtpgw.stat"), List::of));
        poller.start(java.time.Duration.ofMillis(50));
        try {
            assertThat(ctl("recv-off")).as(err()).isZero();
        } finally {
            poller.close();
        }
        assertThat(tasks.isRunning(Task.RECEIVER)).isFalse();
    }

    @Test
    void failureReportedByTheServerIsPrintedWithExit30() throws IOException {
        serverIsRunning();
        // The statistics file cannot be written where a directory stands.
        Files.createDirectories(home.resolve("var/run/smtpgw.stat/inside"));
        try (ControlFilePoller poller = startPoller()) {
            assertThat(ctl("stats")).isEqualTo(30);
        }
        assertThat(err()).contains("write the statistics file failed");
        assertThat(controlPath.resolve(".c_stats.failed")).doesNotExist();
    }

    @Test
    void actionWithoutRunningServerSaysSoWithExit3() {
        assertThat(ctl("stats")).isEqualTo(3);
        assertThat(err()).contains("smtpgw is not running");
        assertThat(controlPath.resolve(".c_stats")).doesNotExist();
    }

    @Test
    void serverThatDoesNotAnswerGivesExit4AndTheRequestIsTakenBack() throws IOException {
        serverIsRunning();

        assertThat(ctl("-w", "1", "recv-off")).isEqualTo(4);

        assertThat(err()).contains("did not take").contains("nothing was done");
        assertThat(controlPath.resolve(".c_recv_off")).doesNotExist();
    }

    @Test
    void reloadWithInvalidConfigurationPrintsEveryProblemAndExits66() throws IOException {
        serverIsRunning();
        Path conf = home.resolve("conf/smtpgw.conf");
        Files.writeString(conf, Files.readString(conf)
            .replace("LogLevel=4", "LogLevel=42")
            .replace("MaximalIncomingSessionsPerIP=4", "MaximalIncomingSessionsPerIP=many"));

        assertThat(ctl("reload")).isEqualTo(66);

        assertThat(err()).contains("LogLevel").contains("MaximalIncomingSessionsPerIP")
            .contains("the running server was not touched");
    }

    @Test
    void unknownActionIsABadOption() {
        assertThat(ctl("reboot")).isEqualTo(1);
        assertThat(err()).contains("unknown action 'reboot'");
    }
}
