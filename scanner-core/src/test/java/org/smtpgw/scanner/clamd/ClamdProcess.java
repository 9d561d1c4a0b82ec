package org.smtpgw.scanner.clamd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real clamd (Debian's clamav-daemon binary) started for tests and benchmarks, with a private
 * configuration, database and sockets in a temporary directory, listening on a Unix socket and on a free
 * loopback TCP port.
 *
 * <p>The database directory holds only the signature files given here, so clamd needs neither the official
 * {@code main}/{@code daily} databases nor the network. clamd runs in the foreground as the current user
 * (no {@code User} line: dropping privileges needs a {@code clamav} account, which a test does not need).
 */
public final class ClamdProcess implements AutoCloseable {
    public static final String CLAMD_PATH = "/usr/sbin/clamd";
    public static final Path CLAMD = Path.of(CLAMD_PATH);

    private final Process process;
    private final Path directory;
    private final int tcpPort;
    private final Path socket;
    private final Path log;

    private ClamdProcess(Process process, Path directory, int tcpPort, Path socket, Path log) {
        this.process = process;
        this.directory = directory;
        this.tcpPort = tcpPort;
        this.socket = socket;
        this.log = log;
    }

    public static Options options() {
        return new Options();
    }

    /** Settings of the private clamd.conf and database. */
    public static final class Options {
        private final Map<String, String> signatureFiles = new LinkedHashMap<>();
        private final List<Path> copiedFiles = new ArrayList<>();
        private final List<String> extraLines = new ArrayList<>();
        private String streamMaxLength = "1M";
        private int maxThreads = 10;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Path binary = CLAMD;

        /** The clamd executable; {@value #CLAMD_PATH} by default. */
        public Options binary(Path path) {
            this.binary = path;
            return this;
        }

        /** A database file, such as {@code test.hdb} or {@code test.ndb}, in ClamAV's text format. */
        public Options signatureFile(String name, String content) {
            signatureFiles.put(name, content);
            return this;
        }

        /** A copy of an existing database file, under its own name (for databases too large for a string). */
        public Options signatureFile(Path file) {
            copiedFiles.add(file);
            return this;
        }

        public Options streamMaxLength(String value) {
            this.streamMaxLength = value;
            return this;
        }

        public Options maxThreads(int threads) {
            this.maxThreads = threads;
            return this;
        }

        /** Any other clamd.conf line, such as {@code AlertEncrypted yes}. */
        public Options line(String line) {
            extraLines.add(line);
            return this;
        }

        public Options startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public ClamdProcess start() throws IOException, InterruptedException {
            return ClamdProcess.start(this);
        }
    }

    private static ClamdProcess start(Options options) throws IOException, InterruptedException {
        if (!Files.isExecutable(options.binary)) {
            throw new IllegalStateException(options.binary + " is missing: the clamd engine is tested against a real clamd; "
                + "apt-get install clamav-daemon (CI does)");
        }
        if (options.signatureFiles.isEmpty() && options.copiedFiles.isEmpty()) {
            throw new IllegalArgumentException("clamd refuses to start without at least one signature file");
        }
        // Short path: a Unix socket path must fit in 108 bytes.
        Path directory = Files.createTempDirectory("clamd");
        Path database = Files.createDirectory(directory.resolve("db"));
        for (Map.Entry<String, String> file : options.signatureFiles.entrySet()) {
            Files.writeString(database.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        for (Path file : options.copiedFiles) {
            Files.copy(file, database.resolve(file.getFileName().toString()));
        }
        Path socket = directory.resolve("clamd.sock");
        Path log = directory.resolve("clamd.log");
        int port = freeLoopbackPort();
        List<String> conf = new ArrayList<>(List.of(
            "Foreground yes",
            "LocalSocket " + socket,
            "TCPSocket " + port,
            "TCPAddr 127.0.0.1",
            "DatabaseDirectory " + database,
            "LogFile " + log,
            "LogTime yes",
            "PidFile " + directory.resolve("clamd.pid"),
            "TemporaryDirectory " + directory,
            "StreamMaxLength " + options.streamMaxLength,
            "MaxThreads " + options.maxThreads,
            "SelfCheck 3600"));
        conf.addAll(options.extraLines);
        Path confFile = directory.resolve("clamd.conf");
        Files.write(confFile, conf, StandardCharsets.UTF_8);

        Process process = new ProcessBuilder(options.binary.toString(), "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("clamd.out").toFile())
            .start();
        ClamdProcess clamd = new ClamdProcess(process, directory, port, socket, log);
        clamd.awaitPong(options.startTimeout);
        return clamd;
    }

    private void awaitPong(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clamd exited with " + process.exitValue() + " at start: "
                    + output());
            }
            if (pongOverTcp()) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("clamd did not answer PING within " + timeout + ": " + output());
    }

    private boolean pongOverTcp() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort), 1000);
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

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** clamd's console output and log file, for failure messages. */
    public String output() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(directory.resolve("clamd.out"), log)) {
            try {
                if (Files.exists(file)) {
                    text.append('\n').append(file.getFileName()).append(":\n").append(Files.readString(file));
                }
            } catch (IOException e) {
                text.append('\n').append(file).append(": ").append(e);
            }
        }
        return text.toString();
    }

    public int tcpPort() {
        return tcpPort;
    }

    public Path socket() {
        return socket;
    }

    public Path databaseDirectory() {
        return directory.resolve("db");
    }

    public long pid() {
        return process.pid();
    }

    /** A client configuration for the TCP socket. */
    public ClamdConfig.Builder tcpConfig() {
        return ClamdConfig.builder().tcp("127.0.0.1", tcpPort);
    }

    /** A client configuration for the Unix socket. */
    public ClamdConfig.Builder unixConfig() {
        return ClamdConfig.builder().unixSocket(socket);
    }

    /** Stops clamd with SIGTERM (its clean exit), then SIGKILL, and deletes its directory. */
    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
