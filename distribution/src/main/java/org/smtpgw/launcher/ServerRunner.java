package org.smtpgw.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.smtpgw.server.SmtpgwServer;

/**
 * Runs the server in this JVM ({@code -d}): pid file, James configuration written to
 * {@code var/run/james-conf/}, listening addresses probed, James started; TERM/INT stop James cleanly
 * and remove the pid file.
 */
final class ServerRunner {
    static final String JAMES_CONF_DIR = "var/run/james-conf";
    private static final List<String> VAR_DIRS = List.of("var/log", "var/run", "var/mail", "var/store");

    private final Path home;
    private final PrintStream err;

    ServerRunner(Path home, PrintStream err) {
        this.home = home;
        this.err = err;
    }

    void run(JamesFiles jamesFiles, Optional<PidFile> pidFile, Optional<Path> readyFile) throws LaunchException {
        long pid = ProcessHandle.current().pid();
        if (pidFile.isPresent()) {
            pidFile.get().create(pid);
        }
        try {
            createVarDirs();
            Path jamesConf = home.resolve(JAMES_CONF_DIR);
            jamesFiles.writeTo(jamesConf);
            ListenAddresses.of(jamesFiles).probe();
            Logging.configure(jamesConf.resolve("logback.xml"));

            GuiceJamesServer server = start(jamesConf);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                pidFile.ifPresent(file -> file.delete(pid));
            }, "smtpgw-stop"));
            if (readyFile.isPresent()) {
                writeReadyFile(readyFile.get(), pid);
            }
            err.println("smtpgw: started, pid " + pid);
        } catch (LaunchException | RuntimeException e) {
            pidFile.ifPresent(file -> file.delete(pid));
            throw e;
        }
    }

    private GuiceJamesServer start(Path jamesConf) throws LaunchException {
        // James would System.exit(1) on a startup error; the launcher maps errors to the manual's codes instead.
        System.setProperty("james.exit.on.startup.error", "false");
        GuiceJamesServer server = SmtpgwServer.create(home, jamesConf);
        try {
            server.start();
            return server;
        } catch (Throwable failure) {
            try {
                server.stop();
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
    }

    private void createVarDirs() throws LaunchException {
        for (String dir : VAR_DIRS) {
            Path path = home.resolve(dir);
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new LaunchException(ExitCode.CRITICAL, "cannot create directory " + path + ": " + PidFile.describe(e), e);
            }
        }
        try {
            // James writes the JMX credentials there; without it JMX runs without a password (on 127.0.0.1).
            Files.createDirectories(home.resolve("conf"));
        } catch (IOException e) {
            err.println("smtpgw: warning: cannot create " + home.resolve("conf") + ": " + PidFile.describe(e));
        }
    }

    private static void writeReadyFile(Path readyFile, long pid) throws LaunchException {
        try {
            Path temp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            Files.writeString(temp, pid + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, readyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LaunchException(ExitCode.CRITICAL, "cannot write " + readyFile + ": " + e.getMessage(), e);
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
