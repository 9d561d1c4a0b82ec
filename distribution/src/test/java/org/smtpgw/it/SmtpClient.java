package org.smtpgw.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal SMTP client over a raw socket, so tests see every reply code and can choose the client
 * address (127.0.0.2). Lines end with CRLF: James refuses bare LF in DATA.
 */
public final class SmtpClient implements AutoCloseable {

    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final Reply greeting;

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        this.greeting = read();
    }

    public static SmtpClient connect(int port) throws IOException {
        return connect(InetAddress.getLoopbackAddress(), port);
    }

    /** Connects to 127.0.0.1:port from the local address {@code from}. */
    public static SmtpClient connect(InetAddress from, int port) throws IOException {
        return connect(from, InetAddress.getLoopbackAddress(), port);
    }

    public static SmtpClient connect(InetAddress from, InetAddress server, int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(30_000);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(server, port), 10_000);
        return new SmtpClient(socket);
    }

    public Reply greeting() {
        return greeting;
    }

    public Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    /** DATA, then the message (dot-stuffed, CRLF) and the final dot; returns the reply to the end of data. */
    public Reply data(String message) throws IOException {
        Reply start = command("DATA");
        if (start.code() != 354) {
            return start;
        }
        StringBuilder body = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            body.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        body.append(".\r\n");
        out.write(body.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    /** One whole transaction; returns the first reply that is not a success, or the reply to DATA. */
    public Reply send(String from, List<String> recipients, String message) throws IOException {
        Reply reply = command("MAIL FROM:<" + from + ">");
        if (reply.code() != 250) {
            return reply;
        }
        for (String recipient : recipients) {
            reply = command("RCPT TO:<" + recipient + ">");
            if (reply.code() != 250) {
                return reply;
            }
        }
        return data(message);
    }

    private Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by server after " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!socket.isClosed()) {
                command("QUIT");
            }
        } catch (IOException ignored) {
            // server may have closed already
        } finally {
            socket.close();
        }
    }

    public static String message(String from, String to, String subject, String body) {
        return "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <" + System.nanoTime() + "@client.test>\r\n\r\n" + body + "\r\n";
    }
}
