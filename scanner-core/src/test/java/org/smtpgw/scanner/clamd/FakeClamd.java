package org.smtpgw.scanner.clamd;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake clamd on a loopback TCP port, after OkHttp's MockWebServer: tests {@link #enqueue} canned replies or
 * failures a real clamd cannot be made to show on demand, and inspect what the client sent with
 * {@link #takeRequest}. Used only for those failures; verdicts are tested against a real clamd.
 */
final class FakeClamd implements Closeable {

    /** What the fake does on one connection. */
    enum Policy {
        /** Reads the whole command (and stream), then sends the reply and closes. */
        REPLY,
        /** Like REPLY, after {@code readLimit} milliseconds. */
        REPLY_AFTER_DELAY,
        /** Closes the connection as soon as it is accepted. */
        DISCONNECT_AT_START,
        /** Reads the whole command (and stream), then closes without a reply. */
        DISCONNECT_AFTER_REQUEST,
        /** Reads the whole command (and stream), then sends the reply bytes (meant to be partial) and closes. */
        PARTIAL_REPLY_THEN_DISCONNECT,
        /** Reads the whole command (and stream), then sends nothing and keeps the connection open. */
        STALL_AFTER_REQUEST,
        /** Reads the command and nothing more, keeping the connection open: the client's writes fill the buffers. */
        STALL_READING,
        /** Reads the command and {@code readLimit} stream bytes, then replies and closes, as clamd does at StreamMaxLength. */
        REPLY_EARLY_AND_CLOSE
    }

    record Response(Policy policy, byte[] reply, long readLimit) {
        static Response reply(String reply) {
            return new Response(Policy.REPLY, (reply + "\0").getBytes(StandardCharsets.UTF_8), 0);
        }

        static Response raw(byte[] reply) {
            return new Response(Policy.REPLY, reply, 0);
        }

        static Response of(Policy policy) {
            return new Response(policy, new byte[0], 0);
        }

        static Response delayed(String reply, long millis) {
            return new Response(Policy.REPLY_AFTER_DELAY, (reply + "\0").getBytes(StandardCharsets.UTF_8), millis);
        }

        static Response partial(String bytes) {
            return new Response(Policy.PARTIAL_REPLY_THEN_DISCONNECT, bytes.getBytes(StandardCharsets.UTF_8), 0);
        }

        static Response replyEarly(String reply, long afterStreamBytes) {
            return new Response(Policy.REPLY_EARLY_AND_CLOSE, (reply + "\0").getBytes(StandardCharsets.UTF_8),
                afterStreamBytes);
        }
    }

    /** One command as the fake received it; for INSTREAM, the chunk lengths and the reassembled stream. */
    record Request(String command, List<Integer> chunkLengths, byte[] stream) {
    }

    private final ServerSocket server;
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActive = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread acceptor;

    private FakeClamd(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "fake-clamd-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    static FakeClamd start() throws IOException {
        ServerSocket server = new ServerSocket();
        // A small window makes a client that keeps sending to a fake that stopped reading block soon.
        server.setReceiveBufferSize(16 * 1024);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        return new FakeClamd(server);
    }

    int port() {
        return server.getLocalPort();
    }

    ClamdConfig.Builder config() {
        return ClamdConfig.builder().tcp("127.0.0.1", port());
    }

    void enqueue(Response response) {
        responses.add(response);
    }

    /** The next request received, waiting up to 10 seconds. */
    Request takeRequest() throws InterruptedException {
        Request request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("fake clamd received no request within 10 seconds");
        }
        return request;
    }

    int connectionCount() {
        return connections.get();
    }

    /** The largest number of {@link Policy#REPLY_AFTER_DELAY} replies being delayed at the same time. */
    int mostConcurrentConnections() {
        return mostActive.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                synchronized (open) {
                    open.add(socket);
                }
                Thread handler = new Thread(() -> serve(socket), "fake-clamd-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closing) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Response response = responses.poll();
            if (response == null || response.policy() == Policy.DISCONNECT_AT_START) {
                return;
            }
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String command = readCommand(in);
            if (response.policy() == Policy.STALL_READING) {
                requests.add(new Request(command, List.of(), new byte[0]));
                closed.await();
                return;
            }
            long limit = response.policy() == Policy.REPLY_EARLY_AND_CLOSE ? response.readLimit() : Long.MAX_VALUE;
            List<Integer> chunks = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            if (command.equals("zINSTREAM")) {
                readStream(in, chunks, stream, limit);
            }
            requests.add(new Request(command, List.copyOf(chunks), stream.toByteArray()));
            OutputStream out = socket.getOutputStream();
            switch (response.policy()) {
                case REPLY, PARTIAL_REPLY_THEN_DISCONNECT, REPLY_EARLY_AND_CLOSE -> {
                    out.write(response.reply());
                    out.flush();
                }
                case REPLY_AFTER_DELAY -> {
                    // Counted only while the client must be waiting for this reply, so the count cannot
                    // overlap with the client's next connection.
                    mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                    Thread.sleep(response.readLimit());
                    active.decrementAndGet();
                    out.write(response.reply());
                    out.flush();
                }
                case STALL_AFTER_REQUEST -> closed.await();
                default -> {
                    // DISCONNECT_AFTER_REQUEST: close without a word
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the client went away or the fake is closing
        }
    }

    private static String readCommand(InputStream in) throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new EOFException("command not terminated");
            }
            command.write(b);
        }
        return command.toString(StandardCharsets.US_ASCII);
    }

    private static void readStream(DataInputStream in, List<Integer> chunks, ByteArrayOutputStream stream,
                                   long limit) throws IOException {
        while (stream.size() < limit) {
            int length = in.readInt();
            chunks.add(length);
            if (length == 0) {
                return;
            }
            byte[] chunk = new byte[length];
            in.readFully(chunk);
            stream.write(chunk);
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        synchronized (open) {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }
}
