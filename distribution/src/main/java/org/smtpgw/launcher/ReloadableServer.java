package org.smtpgw.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.james.GuiceJamesServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.server.SmtpgwServer;
import org.smtpgw.server.control.ControlSettings;

/**
 * The James server of this process and the configuration it runs, restarted inside the same JVM on
 * {@code reload} (signal HUP, manual A.3).
 *
 * <p><b>Why in the same JVM</b>: the process keeps its pid, so the pid file, {@code smtpgwctl}, a service manager
 * watching the process and a server run in the foreground ({@code -d}) all go on working; a new process would have
 * to hand over the pid file and detach from whoever started it. James' state lives in its Guice injector, which is
 * thrown away with the old server; mail waiting in the persistent queue is picked up by the new one.
 *
 * <p>A reload first checks the configuration file: if it is invalid the running server is not touched (every
 * problem is logged). It also tries the listening addresses the new configuration adds. Only then is the old server
 * stopped and the new one started; should the new one fail to start, the previous configuration is started again.
 * Task states and statistics start afresh with the new server, as after a restart.
 */
final class ReloadableServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReloadableServer.class);

    /** A configuration the server can run: James' files and the control channel's settings. */
    record Setup(JamesFiles jamesFiles, ControlSettings control) {
    }

    private final Path home;
    private final Path confFile;
    private final Path jamesConf;
    private final PrintStream err;
    private final long pid = ProcessHandle.current().pid();
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "smtpgw-reload");
        thread.setDaemon(true);
        return thread;
    });
    private GuiceJamesServer server;
    private Setup running;
    private long reloadCount;
    private boolean stopped;

    ReloadableServer(Path home, Path confFile, Path jamesConf, PrintStream err) {
        this.home = home;
        this.confFile = confFile;
        this.jamesConf = jamesConf;
        this.err = err;
    }

    /** Starts the first server (its listening addresses were probed already). */
    synchronized void start(Setup setup) throws LaunchException {
        startJames(setup);
        writeStatus(ReloadStatus.Result.STARTED, "started with " + confFile);
    }

    /** Reloads on a thread of its own (a signal handler must return at once). */
    void reloadLater() {
        reloads.execute(() -> {
            boolean keepRunning = reload();
            if (!keepRunning) {
                // Outside the lock: the shutdown hook needs it to stop what is left.
                System.exit(ExitCode.CRITICAL.code());
            }
        });
    }

    /** @return false when no server runs any more (the process should end) */
    synchronized boolean reload() {
        if (stopped) {
            return true;
        }
        LOGGER.info("reloading the configuration from {}", confFile);
        err.println("smtpgw: reloading the configuration from " + confFile);
        GatewayConf.Checked checked;
        try {
            checked = GatewayConf.check(confFile, home);
        } catch (LaunchException e) {
            refuse(e.getMessage());
            return true;
        }
        checked.problems().forEach(problem -> LOGGER.warn("{}", problem));
        if (checked.jamesFiles().isEmpty() || checked.control().isEmpty()) {
            List<String> lines = new ArrayList<>(checked.problems());
            lines.add(confFile + " is invalid (" + checked.errorCount() + (checked.errorCount() == 1 ? " error)" : " errors)"));
            refuse(String.join("\n", lines));
            return true;
        }
        Setup next = new Setup(checked.jamesFiles().get(), checked.control().get());
        try {
            newListeners(next).probe();
        } catch (LaunchException e) {
            refuse(e.getMessage());
            return true;
        }
        Setup previous = running;
        stopJames();
        try {
            startJames(next);
            LOGGER.info("configuration reloaded from {}", confFile);
            err.println("smtpgw: configuration reloaded from " + confFile);
            writeStatus(ReloadStatus.Result.OK, "configuration reloaded from " + confFile);
            return true;
        } catch (LaunchException failure) {
            LOGGER.error("the new configuration did not start: {}; starting the previous one again", failure.getMessage());
            err.println("smtpgw: the new configuration did not start: " + failure.getMessage()
                + "; starting the previous one again");
            try {
                startJames(previous);
                writeStatus(ReloadStatus.Result.FAILED, "the new configuration did not start: " + failure.getMessage()
                    + "; the previous configuration runs again");
                return true;
            } catch (LaunchException again) {
                LOGGER.error("the previous configuration did not start either: {}; stopping", again.getMessage());
                err.println("smtpgw: the previous configuration did not start either: " + again.getMessage()
                    + "; stopping");
                writeStatus(ReloadStatus.Result.STOPPED, "the new configuration did not start (" + failure.getMessage()
                    + ") and the previous one neither (" + again.getMessage() + "); smtpgw stopped");
                stopped = true;
                return false;
            }
        }
    }

    /** Stops the server for good (shutdown hook). */
    synchronized void stop() {
        stopped = true;
        reloads.shutdownNow();
        stopJames();
    }

    private void refuse(String problems) {
        LOGGER.error("configuration not reloaded, the server runs on unchanged: {}", problems);
        err.println("smtpgw: configuration not reloaded, the server runs on unchanged:\n" + problems);
        writeStatus(ReloadStatus.Result.INVALID, problems);
    }

    private ListenAddresses newListeners(Setup next) throws LaunchException {
        List<ListenAddresses.Listener> old = ListenAddresses.of(running.jamesFiles()).listeners();
        return new ListenAddresses(ListenAddresses.of(next.jamesFiles()).listeners().stream()
            .filter(listener -> old.stream().noneMatch(o -> o.host().equals(listener.host()) && o.port() == listener.port()))
            .toList());
    }

    private void startJames(Setup setup) throws LaunchException {
        setup.jamesFiles().writeTo(jamesConf);
        Logging.configure(jamesConf.resolve("logback.xml"));
        // James would System.exit(1) on a startup error; the launcher maps errors to the manual's codes instead.
        System.setProperty("james.exit.on.startup.error", "false");
        GuiceJamesServer candidate = SmtpgwServer.create(home, jamesConf, setup.control());
        try {
            candidate.start();
        } catch (Throwable failure) {
            try {
                candidate.stop();
            } catch (RuntimeException ignored) {
                // already failing
            }
            Optional<BindException> bind = findCause(failure, BindException.class);
            if (bind.isPresent()) {
                throw new LaunchException(ExitCode.BIND_FAILED, "cannot listen: " + bind.get().getMessage(), failure);
            }
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new LaunchException(ExitCode.CRITICAL, "James failed to start: " + root
                + " (the log has the details)", failure);
        }
        server = candidate;
        running = setup;
    }

    private void stopJames() {
        if (server != null) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOGGER.warn("stopping James: {}", e.toString(), e);
            }
            server = null;
        }
    }

    private void writeStatus(ReloadStatus.Result result, String message) {
        long count = result == ReloadStatus.Result.STARTED ? reloadCount : ++reloadCount;
        try {
            new ReloadStatus(pid, count, result, message, confFile, running.control()).writeTo(ReloadStatus.file(home));
        } catch (IOException e) {
            LOGGER.warn("cannot write {}: {}", ReloadStatus.file(home), e.toString());
        }
    }

    private static <T extends Throwable> Optional<T> findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
