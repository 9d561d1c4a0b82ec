package org.smtpgw.it.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpgw.it.ConfEditor;
import org.smtpgw.it.Gateway;

/**
 * The packaged distribution ({@code target/smtpgw}) copied into a test directory, configured through its
 * {@code conf/smtpgw.conf} and run with {@code bin/smtpgw -d}, as an operator would: the relay ITs' {@link Gateway}
 * with what the anti-virus tests need on top (groups, raw SMTP, the event log, repositories through WebAdmin).
 */
final class AvGateway implements AutoCloseable {
    private final Gateway gateway;
    /** The test's edits of smtpgw.conf, applied in order at {@link #start()}. */
    private final List<Consumer<ConfEditor>> edits = new ArrayList<>();

    private AvGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Copies the packaged distribution into {@code dir/smtpgw}, on free loopback ports (see {@link Gateway}). */
    static AvGateway install(Path dir) throws IOException {
        return new AvGateway(Gateway.install(dir));
    }

    Path home() {
        return gateway.home();
    }

    int smtpPort() {
        return gateway.smtpPort();
    }

    int webAdminPort() {
        return gateway.webAdminPort();
    }

    /** Sets a key of a section of smtpgw.conf (replacing its lines), adding the section at the end if needed. */
    AvGateway set(String section, String key, String... values) {
        edits.add(editor -> editor.set(section, key, values));
        return this;
    }

    /** Adds {@code [smtpgw.group:NAME]} with these Key=Value lines, after the groups added before it. */
    AvGateway group(String name, String... keyValues) {
        for (String keyValue : keyValues) {
            int eq = keyValue.indexOf('=');
            set("smtpgw.group:" + name, keyValue.substring(0, eq), keyValue.substring(eq + 1));
        }
        return this;
    }

    /** Writes smtpgw.conf, starts {@code bin/smtpgw -d} and waits for the SMTP banner. */
    AvGateway start() throws IOException, InterruptedException {
        gateway.configure(editor -> edits.forEach(edit -> edit.accept(editor)));
        gateway.startForeground();
        return this;
    }

    /** One SMTP transaction; returns the last reply line (the reply to the end of DATA when all went well). */
    String send(String from, List<String> recipients, String message) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gateway.smtpPort()), 10_000);
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
        Path log = gateway.home().resolve("var/log/smtpgw.log");
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
        return "http://127.0.0.1:" + gateway.webAdminPort();
    }

    private static String encoded(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        gateway.close();
    }
}
