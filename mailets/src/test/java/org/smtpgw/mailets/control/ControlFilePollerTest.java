package org.smtpgw.mailets.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.TestDatabase;
import org.smtpgw.mailets.control.GatewayTasks.Task;
import org.smtpgw.mailets.scan.EngineSpec;
import org.smtpgw.mailets.scan.ScanEngineRegistry;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.mailets.stats.StatisticsWriter;
import org.smtpgw.scanner.db.DatabaseBuilder;
import org.smtpgw.scanner.db.Ed25519Keys;
import org.smtpgw.scanner.engine.ScanEngine;

class ControlFilePollerTest {
    @TempDir
    Path temp;

    private Path control;
    private Path statFile;
    private GatewayStatistics statistics;
    private GatewayTasks tasks;
    private ScanEngineRegistry registry;
    private ControlFilePoller poller;

    @BeforeEach
    void setUp() throws IOException {
        control = Files.createDirectories(temp.resolve("run"));
        statFile = temp.resolve("stat/smtpgw.stat");
        statistics = new GatewayStatistics();
        tasks = new GatewayTasks(statistics);
        registry = new ScanEngineRegistry();
        poller = new ControlFilePoller(control, new ControlActions(tasks, new StatisticsWriter(statistics), statFile,
            registry::reloadDatabasesReporting));
    }

    @Test
    void statsFileWritesTheStatisticsAndIsDeleted() throws IOException {
        statistics.add(Counter.MTA_RECEIVED_MESSAGES, 3);
        Path request = Files.createFile(control.resolve(".c_stats"));

        assertThat(poller.pollOnce()).containsExactly(ControlFile.STATS);

        assertThat(request).doesNotExist();
        Properties written = new Properties();
        written.load(Files.newBufferedReader(statFile, StandardCharsets.UTF_8));
        assertThat(written.getProperty("mta_received_messages")).isEqualTo("3");
        assertThat(written.getProperty("task_receiver_running")).isEqualTo("1");
        assertThat(written.getProperty("time_initialized")).isNotNull();
    }

    @Test
    void taskFilesSwitchTheirTasks() throws IOException {
        Files.createFile(control.resolve(".c_recv_off"));
        Files.createFile(control.resolve(".c_send_off"));
        Files.createFile(control.resolve(".c_avir_off"));
        poller.pollOnce();
        assertThat(tasks.isRunning(Task.RECEIVER)).isFalse();
        assertThat(tasks.isRunning(Task.SENDER)).isFalse();
        assertThat(tasks.isRunning(Task.ANTIVIRUS)).isFalse();
        assertThat(statistics.snapshot()).containsEntry("task_sender_running", 0L);

        Files.createFile(control.resolve(".c_recv_on"));
        Files.createFile(control.resolve(".c_send_on"));
        Files.createFile(control.resolve(".c_avir_on"));
        poller.pollOnce();
        assertThat(tasks.isRunning(Task.RECEIVER)).isTrue();
        assertThat(tasks.isRunning(Task.SENDER)).isTrue();
        assertThat(tasks.isRunning(Task.ANTIVIRUS)).isTrue();
        try (var left = Files.list(control)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void filesAreCarriedOutOldestFirst() throws IOException {
        Path off = Files.createFile(control.resolve(".c_recv_off"));
        Path on = Files.createFile(control.resolve(".c_recv_on"));
        Instant now = Instant.now();
        Files.setLastModifiedTime(on, FileTime.from(now.minusSeconds(10)));
        Files.setLastModifiedTime(off, FileTime.from(now));

        assertThat(poller.pollOnce()).containsExactly(ControlFile.RECV_ON, ControlFile.RECV_OFF);
        assertThat(tasks.isRunning(Task.RECEIVER)).isFalse();
    }

    @Test
    void unknownControlFilesAndOtherFilesAreLeftAlone() throws IOException {
        Path unknown = Files.createFile(control.resolve(".c_reboot"));
        Path pidFile = Files.writeString(control.resolve("smtpgw.pid"), "42\n");

        assertThat(poller.pollOnce()).isEmpty();
        assertThat(poller.pollOnce()).isEmpty();

        assertThat(unknown).exists();
        assertThat(pidFile).hasContent("42");
    }

    @Test
    void failedCommandLeavesTheErrorInAFailedFileAndIsNotRetried() throws IOException {
        // The statistics file cannot be written: its parent is a regular file.
        Files.writeString(temp.resolve("stat"), "not a directory");
        Path request = Files.createFile(control.resolve(".c_stats"));

        assertThat(poller.pollOnce()).containsExactly(ControlFile.STATS);

        assertThat(request).doesNotExist();
        assertThat(Files.readString(control.resolve(".c_stats.failed"))).startsWith("write the statistics file failed:");
        assertThat(poller.pollOnce()).isEmpty();
    }

    @Test
    void missingControlDirectoryIsNoError() throws IOException {
        ControlFilePoller elsewhere = new ControlFilePoller(temp.resolve("absent"),
            new ControlActions(tasks, new StatisticsWriter(statistics), statFile, registry::reloadDatabasesReporting));

        assertThat(elsewhere.pollOnce()).isEmpty();

        Files.createDirectories(temp.resolve("absent"));
        Files.createFile(temp.resolve("absent/.c_recv_off"));
        assertThat(elsewhere.pollOnce()).containsExactly(ControlFile.RECV_OFF);
    }

    @Test
    void dbReloadPutsTheNewDatabaseInService() throws Exception {
        TestDatabase database = TestDatabase.create(Files.createDirectories(temp.resolve("db")));
        ScanEngine engine = registry.engine(EngineSpec.builtin(database.directory(), List.of(database.publicKey())));
        assertThat(engine.databaseVersion()).isEqualTo(TestDatabase.VERSION);
        new DatabaseBuilder("2026112902").addFile("main.ndb", TestDatabase.LAZY_DOG_SIGNATURE)
            .writeTo(database.directory(), Ed25519Keys.readPrivateKey(database.publicKey().resolveSibling("vendor.key")));
        Files.createFile(control.resolve(".c_db_reload"));

        assertThat(poller.pollOnce()).containsExactly(ControlFile.DB_RELOAD);

        assertThat(engine.databaseVersion()).isEqualTo("2026112902");
    }

    @Test
    void refusedDatabaseIsReportedInTheFailedFileAndTheOldOneStaysInService() throws Exception {
        TestDatabase database = TestDatabase.create(Files.createDirectories(temp.resolve("db")));
        ScanEngine engine = registry.engine(EngineSpec.builtin(database.directory(), List.of(database.publicKey())));
        // Signed with another key: refused.
        TestDatabase other = TestDatabase.create(Files.createDirectories(temp.resolve("other")));
        new DatabaseBuilder("2026112903").addFile("main.ndb", TestDatabase.LAZY_DOG_SIGNATURE)
            .writeTo(database.directory(), Ed25519Keys.readPrivateKey(other.publicKey().resolveSibling("vendor.key")));
        Files.createFile(control.resolve(".c_db_reload"));

        assertThat(poller.pollOnce()).containsExactly(ControlFile.DB_RELOAD);

        assertThat(Files.readString(control.resolve(".c_db_reload.failed")))
            .startsWith("reload the anti-virus databases failed:").contains("the database in service stays");
        assertThat(engine.databaseVersion()).isEqualTo(TestDatabase.VERSION);
    }

    @Test
    void fileIsRenamedRunningWhileItsCommandRuns() throws IOException {
        List<Boolean> seen = new java.util.ArrayList<>();
        ControlFilePoller watching = new ControlFilePoller(control, new ControlActions(tasks,
            new StatisticsWriter(statistics), statFile, () -> {
                seen.add(Files.exists(control.resolve(".c_db_reload")));
                seen.add(Files.exists(control.resolve(".c_db_reload.running")));
                return List.of();
            }));
        Files.createFile(control.resolve(".c_db_reload"));

        assertThat(watching.pollOnce()).containsExactly(ControlFile.DB_RELOAD);

        assertThat(seen).containsExactly(false, true);
        try (var left = Files.list(control)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void runningFileLeftByAStoppedServerIsRemovedAtStart() throws Exception {
        Path leftover = Files.createFile(control.resolve(".c_stats.running"));

        poller.start(Duration.ofSeconds(30));
        poller.close();

        assertThat(leftover).doesNotExist();
    }

    @Test
    void startedPollerCarriesOutFilesByItself() throws Exception {
        poller.start(Duration.ofMillis(50));
        try {
            Path request = Files.createFile(control.resolve(".c_recv_off"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (Files.exists(request) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(request).doesNotExist();
            assertThat(tasks.isRunning(Task.RECEIVER)).isFalse();
        } finally {
            poller.close();
        }
    }
}
