package org.smtpgw.mailets.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream SMTP server on loopback (a fake of what lies outside the gateway) that counts its concurrent
 * connections, can hold each connection a while before its greeting, and can stall (never answer) in one phase.
 */
final class StallingSmtpSink implements AutoCloseable {

    enum Phase { GREETING, HELLO, MAIL, RCPT, DATA, DATA_END, QUIT }

    private final ServerSocket server;
    private final Phase stallIn;
    private final long holdMillis;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> verbs = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** @param stallIn the phase in which it never answers, or null; @param holdMillis wait before each greeting */
    StallingSmtpSink(Phase stallIn, long holdMillis) throws IOException {
        this(0, stallIn, holdMillis);
    }

    StallingSmtpSink(int port, Phase stallIn, long holdMillis) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.stallIn = stallIn;
        this.holdMillis = holdMillis;
        Thread acceptor = new Thread(this::accept, "sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    List<String> messages() {
        return messages;
    }

    /** The first word of every command received, in order. */
    List<String> verbs() {
        return verbs;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "sink-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        boolean ended = false;
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            if (holdMillis > 0) {
                Thread.sleep(holdMillis);
            }
            if (!reply(out, Phase.GREETING, "220 sink ready")) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                verbs.add(upper.split("[ :]", 2)[0]);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    if (!reply(out, Phase.HELLO, "250-sink\r\n250 8BITMIME")) {
                        return;
                    }
                } else if (upper.startsWith("MAIL")) {
                    if (!reply(out, Phase.MAIL, "250 ok")) {
                        return;
                    }
                } else if (upper.startsWith("RCPT")) {
                    if (!reply(out, Phase.RCPT, "250 ok")) {
                        return;
                    }
                } else if (upper.equals("DATA")) {
                    if (!reply(out, Phase.DATA, "354 go on")) {
                        return;
                    }
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append('\n');
                    }
                    if (!reply(out, Phase.DATA_END, "250 queued")) {
                        return;
                    }
                    messages.add(data.toString());
                } else if (upper.equals("QUIT")) {
                    // the session ends here for the count: the client frees its session once it reads the reply
                    ended = true;
                    concurrent.decrementAndGet();
                    reply(out, Phase.QUIT, "221 bye");
                    return;
                } else {
                    reply(out, null, "250 ok");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        } finally {
            if (!ended) {
                concurrent.decrementAndGet();
            }
        }
    }

    /** @return false when stalling: then it waits until the client closes or the sink is closed */
    private boolean reply(Writer out, Phase phase, String text) throws IOException, InterruptedException {
        if (phase != null && phase == stallIn) {
            closing.await();
            return false;
        }
        out.write(text + "\r\n");
        out.flush();
        return true;
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (SocketException e) {
                // already closed
            }
        }
    }
}
