package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged distribution ({@code target/smtpgw}) copied into a test directory, configured through its
 * {@code conf/smtpgw.conf} and run with {@code bin/smtpgw -d}, as an operator would. (The relay ITs' harness in
 * {@code org.smtpgw.it} is package-private, hence this small one.)
 */
final class AvGateway implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final int smtpPort = freePort();
    private final int webAdminPort = freePort();
    private final int jmxPort = freePort();
    private final List<String> lines;
    private Process process;

    private AvGateway(Path home) throws IOException {
        this.home = home;
        this.lines = new ArrayList<>(List.of(Files.readString(home.resolve("conf/smtpgw.conf")).split("\r?\n", -1)));
    }

    /** Copies the packaged distribution into {@code dir/smtpgw} and points its ports at free loopback ports. */
    static AvGateway install(Path dir) throws IOException {
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
        AvGateway g = new AvGateway(home);
        g.set("smtpgw.network", "ListenOn", "127.0.0.1:" + g.smtpPort)
            .set("smtpgw.admin", "WebAdminPort", String.valueOf(g.webAdminPort))
            .set("smtpgw.admin", "JmxPort", String.valueOf(g.jmxPort));
        return g;
    }

    Path home() {
        return home;
    }

    int smtpPort() {
        return smtpPort;
    }

    /** Sets a key of a section of smtpgw.conf (replacing its lines), adding the section at the end if needed. */
    AvGateway set(String section, String key, String value) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equalsIgnoreCase("[" + section + "]")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            lines.add("[" + section + "]");
            lines.add(key + "=" + value);
            return this;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).trim().startsWith("[")) {
            end++;
        }
        for (int i = end - 1; i > start; i--) {
            String t = lines.get(i).trim();
            int eq = t.indexOf('=');
            if (eq > 0 && !t.startsWith("#") && t.substring(0, eq).trim().equalsIgnoreCase(key)) {
                lines.remove(i);
                end--;
            }
        }
        lines.add(start + 1, key + "=" + value);
        return this;
    }

    /** Adds {@code [smtpgw.group:NAME]} with these Key=Value lines at the end of the file. */
    AvGateway group(String name, String... keyValues) {
        lines.add("");
        lines.add("[smtpgw.group:" + name + "]");
        lines.addAll(List.of(keyValues));
        return this;
    }

    /** Writes smtpgw.conf, starts {@code bin/smtpgw -d} and waits for the SMTP banner. */
    AvGateway start() throws IOException, InterruptedException {
        Files.writeString(home.resolve("conf/smtpgw.conf"), String.join("\n", lines) + "\n");
        Path output = home.resolve("var/log/it-server.out");
        process = new ProcessBuilder(home.resolve("bin/smtpgw").toString(), "-d")
            .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("smtpgw exited with " + process.exitValue() + ":\n" + Files.readString(output));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), smtpPort), 1000);
                s.setSoTimeout(5000);
                if (new String(s.getInputStream().readNBytes(3), StandardCharsets.US_ASCII).equals("220")) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no SMTP banner within " + START_TIMEOUT + ":\n" + Files.readString(output));
    }

    /** One SMTP transaction; returns the last reply line (the reply to the end of DATA when all went well). */
    String send(String from, List<String> recipients, String message) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), smtpPort), 10_000);
            s.setSoTimeout(60_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO client.test", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            for (String r : recipients) {
                command(out, in, "RCPT TO:<" + r + ">", "250");
            }
            command(out, in, "DATA", "354");
            StringBuilder body = new StringBuilder();
            for (String line : message.split("\r?\n", -1)) {
                body.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            body.append(".\r\n");
            out.write(body.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = expect(in, "250");
            command(out, in, "QUIT", "221");
            return reply;
        }
    }

    private static void command(OutputStream out, InputStream in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, code);
    }

    private static String expect(InputStream in, String code) throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed after " + reply + line);
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            reply.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                if (!line.toString().startsWith(code)) {
                    throw new IOException("expected " + code + ", got " + reply);
                }
                return line.toString();
            }
        }
    }

    /** The event log ({@code LogFilename} of the packaged default, var/log/smtpgw.log). */
    String eventLog() throws IOException {
        Path log = home.resolve("var/log/smtpgw.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The number of mails in a repository, asked of WebAdmin ({@code file://var/quarantine/} is var/quarantine/). */
    int repositorySize(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = webAdmin("/mailRepositories/" + encoded(path));
        if (r.statusCode() == 404) {
            return 0;
        }
        Matcher m = Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The messages (as RFC 822 text) of a repository, through WebAdmin. */
    List<String> repositoryMessages(String path) throws IOException, InterruptedException {
        HttpResponse<String> keys = webAdmin("/mailRepositories/" + encoded(path) + "/mails");
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(keys.body());
        while (m.find()) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/mailRepositories/" + encoded(path)
                + "/mails/" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)))
                .header("Accept", "message/rfc822").build();
            out.add(HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body());
        }
        return out;
    }

    private HttpResponse<String> webAdmin(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + webAdminPort;
    }

    private static String encoded(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    String serverOutput() {
        try {
            return Files.readString(home.resolve("var/log/it-server.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
