package org.smtpgw.scanner.clamd;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Talks to one clamd over its documented protocol (clamd(8)): {@code zPING}, {@code zVERSION} and
 * {@code zINSTREAM}, each on its own connection.
 *
 * <h2>Clients should be shared</h2>
 * A client holds the bound on concurrent connections; create one per clamd and share it between threads.
 * It is thread-safe and immutable apart from that bound.
 *
 * <h2>Why no pooled connections</h2>
 * clamd closes the connection after every command unless the client opens an {@code IDSESSION}. Inside a
 * session clamd answers asynchronously, requires the client to read every reply before sending more (with a
 * poll loop, or clamd declares a deadlock and drops the session), and may close an idle session at any time,
 * so a pooled session can turn a scan into a retry whose first attempt may or may not have been processed.
 * A connection per command costs one connect (microseconds on loopback or a Unix socket) and has none of
 * these failure modes; a {@link Semaphore} of {@link ClamdConfig#maxConnections()} permits stands in for the
 * pool's bound, so a burst of scans queues here instead of overrunning clamd's {@code MaxThreads} and
 * {@code MaxQueue}.
 *
 * <h2>Failures</h2>
 * Everything that leaves the client without a reply from clamd (refused or timed-out connection, broken
 * connection, read or whole-call timeout, a reply that is not clamd's) is a {@link ClamdUnavailableException}
 * naming the address and the timeout involved. Shutdown isn't necessary: no connection outlives a call.
 */
public final class ClamdClient {
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "zVERSION\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);

    private final ClamdConfig config;
    private final Semaphore connections;

    public ClamdClient(ClamdConfig config) {
        this.config = Objects.requireNonNull(config, "config == null");
        this.connections = new Semaphore(config.maxConnections(), true);
    }

    public ClamdConfig config() {
        return config;
    }

    /** Succeeds when clamd answers {@code PONG}. */
    public void ping() throws ClamdUnavailableException {
        String reply = call(PING, null);
        if (!reply.equals("PONG")) {
            throw new ClamdProtocolException("clamd at " + config.describeAddress() + " answered PING with "
                + ClamdReply.Parser.quote(reply) + " instead of PONG");
        }
    }

    /**
     * The reply to VERSION: {@code ClamAV 1.4.6/27000/Sat Nov 28 09:30:02 2026} with the official databases;
     * only {@code ClamAV 1.4.6} when clamd loaded no {@code daily} database (a private database).
     */
    public String version() throws ClamdUnavailableException {
        String reply = call(VERSION, null);
        if (!reply.startsWith("ClamAV ")) {
            throw new ClamdProtocolException("clamd at " + config.describeAddress()
                + " answered VERSION with " + ClamdReply.Parser.quote(reply));
        }
        return reply;
    }

    /**
     * Streams {@code content} with INSTREAM and returns the parsed verdict.
     *
     * @throws StreamTooLargeException when {@code content} is larger than {@link ClamdConfig#maxStreamSize()};
     *                                 nothing was sent
     */
    public ClamdReply scan(byte[] content) throws StreamTooLargeException, ClamdUnavailableException {
        Objects.requireNonNull(content, "content == null");
        if (content.length > config.maxStreamSize()) {
            throw new StreamTooLargeException(content.length, config.maxStreamSize());
        }
        String reply = call(INSTREAM, content);
        try {
            return ClamdReply.parseScanReply(reply);
        } catch (ClamdProtocolException e) {
            throw new ClamdProtocolException("clamd at " + config.describeAddress() + ": " + e.getMessage());
        }
    }

    private String call(byte[] command, byte[] payload) throws ClamdUnavailableException {
        long deadline = System.nanoTime() + config.scanTimeout().toNanos();
        acquire(deadline);
        try (ClamdConnection connection = ClamdConnection.open(config, deadline)) {
            return connection.exchange(command, payload, config.chunkSize());
        } finally {
            connections.release();
        }
    }

    private void acquire(long deadline) throws ClamdUnavailableException {
        try {
            if (!connections.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new ClamdUnavailableException("all " + config.maxConnections() + " connections to clamd at "
                    + config.describeAddress() + " stayed busy for scanTimeout " + config.scanTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClamdUnavailableException("interrupted while waiting for a connection to clamd at "
                + config.describeAddress(), e);
        }
    }
}
