package org.smtpgw.mailets.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.control.GatewayTasks.Task;
import org.smtpgw.mailets.stats.StatisticsWriter;

/**
 * What each management file ({@link ControlFile}) does: switch a task in {@link GatewayTasks}, write the statistics
 * file ({@code StatFilename}, manual A.5) whole, or reload the anti-virus databases.
 */
public final class ControlActions {
    private static final Logger LOGGER = LoggerFactory.getLogger(ControlActions.class);

    /**
     * Reloads the anti-virus databases in service and returns what was refused, one message per database (the
     * server passes {@code ScanEngineRegistry::reloadDatabasesReporting}).
     */
    @FunctionalInterface
    public interface DatabaseReloader {
        List<String> reload();
    }

    private final GatewayTasks tasks;
    private final StatisticsWriter statistics;
    private final Path statFile;
    private final DatabaseReloader databases;

    public ControlActions(GatewayTasks tasks, StatisticsWriter statistics, Path statFile, DatabaseReloader databases) {
        this.tasks = tasks;
        this.statistics = statistics;
        this.statFile = statFile;
        this.databases = databases;
    }

    public Path statFile() {
        return statFile;
    }

    /** @throws IOException when the command could not be carried out (the message says why, for the administrator) */
    public void execute(ControlFile command) throws IOException {
        switch (command) {
            case STATS -> {
                statistics.writeTo(statFile);
                LOGGER.info("statistics written to {}", statFile);
            }
            case RECV_ON -> switchTask(Task.RECEIVER, true);
            case RECV_OFF -> switchTask(Task.RECEIVER, false);
            case SEND_ON -> switchTask(Task.SENDER, true);
            case SEND_OFF -> switchTask(Task.SENDER, false);
            case AVIR_ON -> switchTask(Task.ANTIVIRUS, true);
            case AVIR_OFF -> switchTask(Task.ANTIVIRUS, false);
            case DB_RELOAD -> {
                LOGGER.info("reloading the anti-virus databases");
                List<String> refused = databases.reload();
                if (!refused.isEmpty()) {
                    throw new IOException(String.join("; ", refused) + " (the database in service stays)");
                }
            }
            default -> throw new IllegalStateException("no action for " + command);
        }
    }

    private void switchTask(Task task, boolean run) {
        boolean changed = run ? tasks.start(task) : tasks.stop(task);
        LOGGER.info("{} task {}", task.taskName(), changed ? (run ? "started" : "stopped")
            : (run ? "was already running" : "was already stopped"));
    }
}
