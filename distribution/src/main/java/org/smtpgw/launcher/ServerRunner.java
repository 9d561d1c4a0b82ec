package org.smtpgw.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;


/**
 * Runs the server in this JVM ({@code -d}): pid file, James configuration written to
 * {@code var/run/james-conf/}, listening addresses probed, James started; TERM/INT stop James cleanly
 * and remove the pid file; HUP reloads the configuration ({@link ReloadableServer}).
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

    void run(Path confFile, ReloadableServer.Setup setup, Optional<PidFile> pidFile, Optional<Path> readyFile)
        throws LaunchException {
        long pid = ProcessHandle.current().pid();
        if (pidFile.isPresent()) {
            pidFile.get().create(pid);
        }
        try {
            createVarDirs();
            Path jamesConf = home.resolve(JAMES_CONF_DIR);
            ListenAddresses.of(setup.jamesFiles()).probe();
            ReloadableServer server = new ReloadableServer(home, confFile, jamesConf, err);
            // Registered before James starts: SMTP answers before start() returns, so a TERM may come while James
            // is still starting; the hook then waits for start() (both hold the server's lock) and stops it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } finally {
                    // Even when stopping James fails (an Error during shutdown), a stopped server leaves no pid file.
                    pidFile.ifPresent(file -> file.delete(pid));
                }
            }, "smtpgw-stop"));
            server.start(setup);
            Hangup.onSignal(server::reloadLater, err);
            if (readyFile.isPresent()) {
                writeReadyFile(readyFile.get(), pid);
            }
            err.println("smtpgw: started, pid " + pid);
        } catch (LaunchException | RuntimeException e) {
            pidFile.ifPresent(file -> file.delete(pid));
            throw e;
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
}
