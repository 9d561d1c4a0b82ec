package org.smtpgw.mailets.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code ControlPath} (manual A.4) for management files: every {@link ControlFile} found is carried out, then
 * deleted. Files are taken oldest first, so {@code .c_recv_off} then {@code .c_recv_on} leaves the receiver running.
 *
 * <p>Only names starting with {@code .c_} are looked at ({@code ControlPath} is often {@code var/run}, shared with the
 * pid file and the statistics file). An unknown {@code .c_} file is left alone and logged once. When a command fails
 * (the statistics file cannot be written, say), the control file is replaced by {@code NAME.failed} holding the
 * error, so {@code smtpgwctl} can tell the administrator, and the command is not retried every second. While a
 * command runs its file is renamed {@code NAME.running}: whoever created it knows it was taken and waits for that
 * file to go (a database reload may take longer than the wait for the server to notice the file).
 *
 * <p>Polling (not a {@code WatchService}) because ControlPath may be on a file system that gives no change events,
 * and once a second costs nothing.
 */
public final class ControlFilePoller implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(ControlFilePoller.class);

    private final Path directory;
    private final ControlActions actions;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;

    public ControlFilePoller(Path directory, ControlActions actions) {
        this.directory = directory;
        this.actions = actions;
    }

    public Path directory() {
        return directory;
    }

    /** Polls every {@code interval} on a thread of its own until {@link #close()}. */
    public synchronized void start(Duration interval) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smtpgw-control-files");
            thread.setDaemon(true);
            return thread;
        });
        removeLeftovers();
        executor.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOGGER.info("watching {} for control files (.c_stats, .c_recv_off, ...)", directory);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    /** A command that was running when the server stopped (or crashed) is over: nobody must wait for it. */
    private void removeLeftovers() {
        for (ControlFile command : ControlFile.values()) {
            try {
                Files.deleteIfExists(directory.resolve(command.runningFileName()));
            } catch (IOException e) {
                LOGGER.warn("cannot delete {}: {}", directory.resolve(command.runningFileName()), e.toString());
            }
        }
    }

    private void pollSafely() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            // The scheduler would stop polling for good after an exception.
            LOGGER.error("control files in {}: {}", directory, e.toString(), e);
        }
    }

    /** Carries out the control files present now; returns the commands carried out (successfully or not), in order. */
    public List<ControlFile> pollOnce() {
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(directory)) {
            candidates = entries.filter(ControlFilePoller::looksLikeControlFile)
                .sorted(Comparator.comparing(ControlFilePoller::modified).thenComparing(Path::getFileName))
                .toList();
        } catch (NoSuchFileException e) {
            reportOnce(directory.toString(), "control directory {} does not exist; management files cannot be used"
                + " until it is created", directory);
            return List.of();
        } catch (IOException e) {
            reportOnce(directory.toString(), "cannot read the control directory {}: {}", directory, e.toString());
            return List.of();
        }
        reported.remove(directory.toString());
        List<ControlFile> done = new ArrayList<>();
        for (Path file : candidates) {
            String name = file.getFileName().toString();
            Optional<ControlFile> command = ControlFile.byFileName(name);
            if (command.isEmpty()) {
                reportOnce(name, "unknown control file {} left alone (known: .c_stats, .c_recv_on, .c_recv_off,"
                    + " .c_send_on, .c_send_off, .c_avir_on, .c_avir_off, .c_db_reload)", file);
                continue;
            }
            carryOut(file, command.get());
            done.add(command.get());
        }
        return done;
    }

    private void carryOut(Path file, ControlFile command) {
        LOGGER.info("control file {}: {}", file.getFileName(), command.description());
        // Renamed while it runs: whoever created it sees it was taken, and waits for NAME.running to go.
        Path running = file.resolveSibling(command.runningFileName());
        try {
            Files.move(file, running, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            running = file;
        }
        try {
            actions.execute(command);
        } catch (IOException | RuntimeException e) {
            String message = command.description() + " failed: " + e.getMessage();
            LOGGER.error("control file {}: {}", file, message, e);
            try {
                Files.writeString(file.resolveSibling(command.failedFileName()), message + "\n", StandardCharsets.UTF_8);
            } catch (IOException writeFailure) {
                LOGGER.error("cannot write {}: {}", command.failedFileName(), writeFailure.toString());
            }
        }
        try {
            Files.deleteIfExists(running);
        } catch (IOException e) {
            // Left in place it would run again every second: say so loudly, once.
            reportOnce(running.toString(), "cannot delete control file {} (it will be carried out again): {}", running,
                e.toString());
        }
    }

    private void reportOnce(String key, String format, Object... arguments) {
        if (reported.add(key)) {
            LOGGER.warn(format, arguments);
        }
    }

    private static boolean looksLikeControlFile(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(ControlFile.PREFIX) && !name.endsWith(ControlFile.FAILED_SUFFIX)
            && !name.endsWith(ControlFile.RUNNING_SUFFIX) && !name.endsWith(".tmp");
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
