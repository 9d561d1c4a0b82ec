package org.smtpgw.it.av;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.smtpgw.it.FreePorts;

/**
 * A real clamd (Debian's clamav-daemon, {@value #CLAMD}) for the end-to-end tests, as scanner-core's clamd tests run
 * it: a private clamd.conf, database and log in a directory of the test, in the foreground as the current user,
 * listening on a loopback TCP port that stays the same across {@link #stop()} and {@link #start()}, so that the
 * gateway's {@code ClamdAddress} keeps pointing at it. The database holds one body signature for the EICAR test
 * file (ClamAV's own is in main.cvd, which is not installed); clamd names it {@value #EICAR_NAME}.
 */
final class ClamdDaemon implements AutoCloseable {
    static final String CLAMD = "/usr/sbin/clamd";
    static final String EICAR_NAME = "Smtpgw.IT.EICAR.UNOFFICIAL";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Path conf;
    private final int port = FreePorts.next();
    private Process process;

    private ClamdDaemon(Path directory) throws IOException {
        if (!Files.isExecutable(Path.of(CLAMD))) {
            throw new IllegalStateException(CLAMD + " is missing: the end-to-end clamd test needs a real clamd;"
                + " apt-get install clamav-daemon (CI does)");
        }
        this.directory = directory;
        Path database = Files.createDirectories(directory.resolve("db"));
        Files.writeString(database.resolve("smtpgw-it.ndb"), "Smtpgw.IT.EICAR:0:*:"
            + HexFormat.of().formatHex(Messages.EICAR.getBytes(StandardCharsets.US_ASCII)) + "\n");
        conf = directory.resolve("clamd.conf");
        Files.write(conf, List.of(
            "Foreground yes",
            "TCPSocket " + port,
            "TCPAddr 127.0.0.1",
            "DatabaseDirectory " + database,
            "LogFile " + directory.resolve("clamd.log"),
            "LogTime yes",
            "PidFile " + directory.resolve("clamd.pid"),
            "TemporaryDirectory " + directory,
            "MaxThreads 4",
            "SelfCheck 3600"), StandardCharsets.UTF_8);
    }

    /** Writes the configuration and database into {@code directory} and starts clamd. */
    static ClamdDaemon started(Path directory) throws IOException, InterruptedException {
        ClamdDaemon clamd = new ClamdDaemon(directory);
        clamd.start();
        return clamd;
    }

    int port() {
        return port;
    }

    /** Starts clamd and waits until it answers PING. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(CLAMD, "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("clamd.out").toFile()))
            .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clamd exited with " + process.exitValue() + " at start: " + output());
            }
            if (answersPing()) {
                return;
            }
            Thread.sleep(200);
        }
        stop();
        throw new IllegalStateException("clamd did not answer PING within " + START_TIMEOUT + ": " + output());
    }

    /** Stops clamd (TERM, its clean exit; KILL if it does not go) and waits for the process to end. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).equals("PONG\0");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** clamd's console output and log, for failure messages. */
    String output() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("clamd.out", "clamd.log")) {
            Path file = directory.resolve(name);
            try {
                if (Files.exists(file)) {
                    text.append('\n').append(name).append(":\n").append(Files.readString(file));
                }
            } catch (IOException e) {
                text.append('\n').append(name).append(": ").append(e);
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
