package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The packaged distribution ({@code distribution/target/smtpgw}, built by {@code mvn package}) copied to a
 * directory of the test, and {@code bin/smtpgw} run from there as a child process, as an operator would.
 */
public final class Gateway implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    public record Result(int exitCode, String output) {
    }

    private final Path home;
    private final int smtpPort = FreePorts.next();
    private final int webAdminPort = FreePorts.next();
    private final int jmxPort = FreePorts.next();
    private Process process;
    private int runs;

    private Gateway(Path home) {
        this.home = home;
    }

    /** Copies the packaged distribution into {@code dir}/smtpgw. */
    public static Gateway install(Path dir) throws IOException {
        Path source = Path.of(System.getProperty("smtpgw.distribution", "target/smtpgw"));
        assertThat(source.resolve("bin/smtpgw")).as("packaged distribution (run mvn package first)").exists();
        Path home = dir.resolve("smtpgw");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path target = home.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new Gateway(home);
    }

    public Path home() {
        return home;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int webAdminPort() {
        return webAdminPort;
    }

    public int jmxPort() {
        return jmxPort;
    }

    /**
     * Writes {@code conf/smtpgw.conf}: the packaged default, listening on this gateway's free loopback ports,
     * with the test's edits on top.
     */
    public Path configure(Consumer<ConfEditor> edits) throws IOException {
        Path conf = home.resolve("conf/smtpgw.conf");
        ConfEditor editor = new ConfEditor(Files.readString(conf))
            .set("smtpgw.network", "ListenOn", "127.0.0.1:" + smtpPort)
            .set("smtpgw.admin", "WebAdminPort", String.valueOf(webAdminPort))
            .set("smtpgw.admin", "JmxPort", String.valueOf(jmxPort));
        edits.accept(editor);
        Files.writeString(conf, editor.text());
        return conf;
    }

    /** Runs {@code bin/smtpgw args} to completion (the commands that return: -t, errors, daemon start). */
    public Result run(String... args) throws IOException, InterruptedException {
        return runIn(home, args);
    }

    /** Runs {@code bin/smtpgw args} from the directory {@code cwd}. */
    public Result runIn(Path cwd, String... args) throws IOException, InterruptedException {
        Path output = home.resolve("var/log/it-run-" + (++runs) + ".out");
        Process command = new ProcessBuilder(commandLine(args))
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        assertThat(command.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("bin/smtpgw returned").isTrue();
        return new Result(command.exitValue(), Files.readString(output));
    }

    /** Starts {@code bin/smtpgw -d args} and waits for the SMTP banner. */
    public Gateway startForeground(String... args) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-d"));
        arguments.addAll(List.of(args));
        Path output = home.resolve("var/log/it-server-" + (++runs) + ".out");
        process = new ProcessBuilder(commandLine(arguments.toArray(String[]::new)))
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("smtpgw exited with " + process.exitValue() + ":\n" + Files.readString(output));
            }
            if (bannerReceived()) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no SMTP banner within " + START_TIMEOUT + ":\n" + Files.readString(output));
    }

    /** TERM, as an operator stopping the server; returns its exit code. */
    public int stop() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("smtpgw stopped after TERM").isTrue();
        int exit = process.exitValue();
        process = null;
        return exit;
    }

    /** {@code kill -9} of the server JVM ({@code bin/smtpgw} execs java, so this is the JVM itself). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        process = null;
    }

    public Optional<Long> pid() {
        return Optional.ofNullable(process).map(Process::pid);
    }

    private boolean bannerReceived() {
        try (SmtpClient client = SmtpClient.connect(smtpPort)) {
            return client.greeting().code() == 220;
        } catch (IOException notYet) {
            return false;
        }
    }

    private List<String> commandLine(String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/smtpgw").toString());
        command.addAll(List.of(args));
        return command;
    }

    public String log() {
        try (Stream<Path> files = Files.list(home.resolve("var/log"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.sorted().toList()) {
                all.append("==> ").append(file.getFileName()).append('\n').append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
        stopDaemonLeftBehind();
    }

    /** A background server started by a test that failed before stopping it must not outlive the tests. */
    private void stopDaemonLeftBehind() throws InterruptedException {
        Path pidFile = home.resolve("var/run/smtpgw.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> daemon = ProcessHandle.of(pid)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(home.toString())).orElse(false));
            if (daemon.isPresent()) {
                daemon.get().destroy();
                daemon.get().onExit().get(60, TimeUnit.SECONDS);
            }
        } catch (IOException | NumberFormatException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            // best effort
        }
    }
}
