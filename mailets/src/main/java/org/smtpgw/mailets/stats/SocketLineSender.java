package org.smtpgw.mailets.stats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.eventlog.LineSink;
import org.smtpgw.mailets.eventlog.LogLevel;

/**
 * Sends lines to a TCP socket without ever holding up the caller: {@link #write} only puts the line in a bounded
 * queue, and one background thread connects (with a timeout) and sends. As the manual wants for {@code AVStatistics},
 * a line that cannot be sent is dropped, never retried: when the queue is full, when the connection cannot be made,
 * or when it breaks. After a failed connection the next attempt waits {@code retryInterval}; lines taken from the
 * queue in the meantime are dropped at once, so the queue does not fill up with stale lines. {@link #dropped()} and
 * {@link #sent()} count the lines.
 */
public final class SocketLineSender implements LineSink {
    private static final Logger LOGGER = LoggerFactory.getLogger(SocketLineSender.class);

    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private final Duration retryInterval;
    private final BlockingQueue<String> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;
    private Socket socket;
    private OutputStream out;
    private long nextAttemptNanos = Long.MIN_VALUE;
    private boolean failing;

    /** Not yet sending: call {@link #start()}. */
    public SocketLineSender(String host, int port, int capacity, Duration connectTimeout, Duration retryInterval) {
        this.address = InetSocketAddress.createUnresolved(host, port);
        this.connectTimeout = connectTimeout;
        this.retryInterval = retryInterval;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "smtpgw-avstatistics-" + host + ":" + port);
        this.thread.setDaemon(true);
    }

    public SocketLineSender start() {
        thread.start();
        return this;
    }

    /** Queues the line; drops it when the queue is full. Never blocks. */
    @Override
    public void write(LogLevel level, String line) {
        if (closed || !queue.offer(line)) {
            dropped.increment();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    public long sent() {
        return sent.sum();
    }

    private void run() {
        while (!closed) {
            String line;
            try {
                line = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            send(line);
            if (queue.isEmpty()) {
                flush();
            }
        }
        disconnect();
    }

    private void send(String line) {
        if (!connected()) {
            dropped.increment();
            return;
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            sent.increment();
        } catch (IOException e) {
            dropped.increment();
            failed("sending failed: " + e.getMessage());
        }
    }

    private void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            // The lines in the buffer were counted as sent; a broken connection loses them, as the manual allows.
            failed("sending failed: " + e.getMessage());
        }
    }

    private boolean connected() {
        if (socket != null) {
            return true;
        }
        long now = System.nanoTime();
        if (nextAttemptNanos != Long.MIN_VALUE && now - nextAttemptNanos < 0) {
            return false;
        }
        Socket candidate = new Socket();
        try {
            candidate.connect(new InetSocketAddress(address.getHostString(), address.getPort()),
                (int) connectTimeout.toMillis());
            candidate.setTcpNoDelay(true);
            socket = candidate;
            out = new BufferedOutputStream(candidate.getOutputStream());
            if (failing) {
                failing = false;
                LOGGER.warn("AVStatistics: connected to {} again", target());
            }
            return true;
        } catch (IOException e) {
            closeQuietly(candidate);
            failed("cannot connect: " + e.getMessage());
            return false;
        }
    }

    private void failed(String why) {
        disconnect();
        nextAttemptNanos = System.nanoTime() + retryInterval.toNanos();
        if (!failing) {
            failing = true;
            LOGGER.warn("AVStatistics: {} {}; lines are dropped until it is back (next attempt in {} s)", target(),
                why, retryInterval.toSeconds());
        }
    }

    private void disconnect() {
        closeQuietly(socket);
        socket = null;
        out = null;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing a socket we are giving up on; nothing to do.
            }
        }
    }

    private String target() {
        return address.getHostString() + ":" + address.getPort();
    }

    /** Stops the thread; queued lines not yet sent are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.add(queue.size());
        queue.clear();
    }

    @Override
    public String toString() {
        return "socket " + target();
    }
}
