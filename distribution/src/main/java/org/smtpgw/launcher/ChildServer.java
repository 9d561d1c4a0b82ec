package org.smtpgw.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts the server in another JVM: detached (the daemon of the default mode: own session, output to
 * {@code var/log/smtpgw.out}) or attached (with {@code -u} and {@code -d}: the launcher waits and passes
 * TERM/INT on).
 */
final class ChildServer {
    static final String DAEMON_OUTPUT = "var/log/smtpgw.out";
    private static final long START_TIMEOUT_SECONDS = 300;
    private static final String SETSID = "/usr/bin/setsid";

    private final Launcher.Environment environment;
    private final PrintStream out;
    private final PrintStream err;

    ChildServer(Launcher.Environment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** Starts a detached server and returns 0 once it accepts mail, or the exit code it failed with. */
    int startDetached(Path confFile, Optional<Path> pidFile, Optional<String> owner) throws LaunchException {
        Path home = environment.home();
        Path output = home.resolve(DAEMON_OUTPUT);
        Path readyFile = home.resolve("var/run/smtpgw-" + UUID.randomUUID() + ".ready");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of(SETSID))) {
            // A session of its own: closing the terminal that started it sends it no HUP. --wait: should setsid
            // have to fork, it still ends only with the server, so its exit status stays the server's.
            command.add(SETSID);
            command.add("--wait");
        }
        command.addAll(serverCommand(confFile, pidFile, owner, Optional.of(readyFile)));
        Process process;
        try {
            Files.createDirectories(output.getParent());
            Files.createDirectories(readyFile.getParent());
            process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectErrorStream(true)
                .start();
        } catch (IOException e) {
            throw new LaunchException(ExitCode.DAEMON_FAILED, "cannot start the server process: " + e.getMessage(), e);
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                if (Files.exists(readyFile)) {
                    out.println("smtpgw: started, pid " + readPid(readyFile).orElse(process.pid()) + ", output in " + output);
                    return ExitCode.OK.code();
                }
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    int exit = process.exitValue();
                    err.println("smtpgw: the server exited with code " + exit + " while starting; see " + output);
                    return exit == 0 ? ExitCode.DAEMON_FAILED.code() : exit;
                }
            }
            throw new LaunchException(ExitCode.DAEMON_FAILED, "the server did not start within " + START_TIMEOUT_SECONDS
                + " s (pid " + process.pid() + ", still running); see " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(ExitCode.DAEMON_FAILED, "interrupted while waiting for the server to start");
        } finally {
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException ignored) {
                // a leftover ready file is harmless
            }
        }
    }

    /** Runs the server in a child JVM attached to this terminal; returns its exit code. */
    int runAttached(Path confFile, Optional<Path> pidFile, Optional<String> owner) throws LaunchException {
        Process process;
        try {
            process = new ProcessBuilder(serverCommand(confFile, pidFile, owner, Optional.empty()))
                .directory(environment.home().toFile())
                .inheritIO()
                .start();
        } catch (IOException e) {
            throw new LaunchException(ExitCode.CRITICAL, "cannot start the server process: " + e.getMessage(), e);
        }
        Thread forward = new Thread(() -> {
            process.destroy();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "smtpgw-forward-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        try {
            int exit = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(forward);
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.CRITICAL.code();
        } catch (IllegalStateException shuttingDown) {
            return ExitCode.OK.code();
        }
    }

    private List<String> serverCommand(Path confFile, Optional<Path> pidFile,
                                       Optional<String> owner, Optional<Path> readyFile) {
        List<String> command = new ArrayList<>();
        owner.ifPresent(user -> command.addAll(ProcessOwner.commandPrefix(user)));
        command.add(environment.javaCommand());
        command.addAll(environment.jvmArguments());
        command.add("-Dsmtpgw.home=" + environment.home());
        command.add("-cp");
        command.add(environment.classPath());
        command.add(SmtpgwCommand.class.getName());
        command.add("--no-daemon");
        command.add("--conf-file=" + confFile);
        if (pidFile.isPresent()) {
            command.add("--pid-file=" + pidFile.get());
        } else {
            command.add("--no-pid-file");
        }
        readyFile.ifPresent(file -> command.add("--ready-file=" + file));
        return command;
    }

    private static Optional<Long> readPid(Path readyFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(readyFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
