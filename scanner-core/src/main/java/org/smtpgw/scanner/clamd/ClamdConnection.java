package org.smtpgw.scanner.clamd;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One connection to clamd carrying one command, in non-blocking mode under a selector.
 *
 * <p>Why non-blocking: JDK channels have no read timeout, and Unix-domain channels have no socket adaptor for
 * {@code setSoTimeout}; a selector gives the same timeouts for TCP and Unix sockets. It also lets the client
 * read while it writes, so a reply clamd sends early ("INSTREAM size limit exceeded. ERROR", after which
 * clamd closes) is read instead of being lost behind a broken pipe.
 */
final class ClamdConnection implements Closeable {
    /** Longest reply accepted; clamd's replies are one short line. */
    static final int MAX_REPLY_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final String peer;
    private final long readTimeoutNanos;
    private final Duration readTimeout;
    private final Duration scanTimeout;
    private final long deadline;

    private ClamdConnection(SocketChannel channel, Selector selector, SelectionKey key, ClamdConfig config,
                            long deadline) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
        this.peer = config.describeAddress();
        this.readTimeout = config.readTimeout();
        this.readTimeoutNanos = config.readTimeout().toNanos();
        this.scanTimeout = config.scanTimeout();
        this.deadline = deadline;
    }

    /**
     * Connects within the connect timeout and before {@code deadline} (a {@link System#nanoTime()} value).
     */
    static ClamdConnection open(ClamdConfig config, long deadline) throws ClamdUnavailableException {
        String peer = config.describeAddress();
        SocketAddress address = resolve(config.address(), peer);
        SocketChannel channel = null;
        Selector selector = null;
        try {
            channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
            channel.configureBlocking(false);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            long connectDeadline = Math.min(deadline, System.nanoTime() + config.connectTimeout().toNanos());
            if (!channel.connect(address)) {
                key.interestOps(SelectionKey.OP_CONNECT);
                while (!channel.finishConnect()) {
                    long wait = connectDeadline - System.nanoTime();
                    if (wait <= 0) {
                        throw new ClamdUnavailableException("cannot connect to clamd at " + peer + " within "
                            + (connectDeadline == deadline ? "scanTimeout " + config.scanTimeout()
                                                           : "connectTimeout " + config.connectTimeout()));
                    }
                    selectFor(selector, wait, peer);
                }
            }
            ClamdConnection connection = new ClamdConnection(channel, selector, key, config, deadline);
            channel = null;
            selector = null;
            return connection;
        } catch (ClamdUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new ClamdUnavailableException("cannot connect to clamd at " + peer + ": " + e, e);
        } finally {
            closeQuietly(channel);
            closeQuietly(selector);
        }
    }

    /**
     * Sends {@code command}, then, when {@code payload} is not null, the payload as INSTREAM chunks and the
     * zero-length terminator, and returns the NUL-terminated reply without its NUL.
     */
    String exchange(byte[] command, byte[] payload, int chunkSize) throws ClamdUnavailableException {
        Outgoing outgoing = new Outgoing(command, payload, chunkSize);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer readBuffer = ByteBuffer.allocate(4096);
        IOException writeFailure = null;
        long lastProgress = System.nanoTime();
        try {
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ClamdUnavailableException("interrupted while talking to clamd at " + peer);
                }
                boolean sending = writeFailure == null && outgoing.hasMore();
                key.interestOps(SelectionKey.OP_READ | (sending ? SelectionKey.OP_WRITE : 0));
                long now = System.nanoTime();
                long wait = Math.min(lastProgress + readTimeoutNanos, deadline) - now;
                if (wait <= 0) {
                    throw timeout(now, lastProgress, outgoing, reply.size());
                }
                selectFor(selector, wait, peer);

                int read;
                try {
                    read = channel.read(readBuffer.clear());
                } catch (IOException e) {
                    throw broken("connection to clamd at " + peer + " broke before a complete reply"
                        + progress(outgoing, reply.size()), writeFailure != null ? writeFailure : e);
                }
                if (read < 0) {
                    throw broken("clamd at " + peer + " closed the connection before a complete reply"
                        + progress(outgoing, reply.size()), writeFailure);
                }
                if (read > 0) {
                    lastProgress = System.nanoTime();
                    readBuffer.flip();
                    while (readBuffer.hasRemaining()) {
                        byte b = readBuffer.get();
                        if (b == 0) {
                            return reply.toString(java.nio.charset.StandardCharsets.UTF_8);
                        }
                        if (reply.size() >= MAX_REPLY_BYTES) {
                            throw new ClamdProtocolException("reply from clamd at " + peer + " is longer than "
                                + MAX_REPLY_BYTES + " bytes without a NUL terminator");
                        }
                        reply.write(b);
                    }
                }
                if (sending) {
                    try {
                        if (outgoing.write(channel) > 0) {
                            lastProgress = System.nanoTime();
                        }
                    } catch (IOException e) {
                        // clamd may have replied and closed (size limit): keep reading what it sent.
                        writeFailure = e;
                    }
                }
            }
        } catch (ClamdUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw broken("I/O error talking to clamd at " + peer + ": " + e, e);
        }
    }

    private ClamdUnavailableException timeout(long now, long lastProgress, Outgoing outgoing, int replyBytes) {
        String what = now - lastProgress >= readTimeoutNanos
            ? "no progress from clamd at " + peer + " within readTimeout " + readTimeout
            : "clamd at " + peer + " did not answer within scanTimeout " + scanTimeout;
        return new ClamdUnavailableException(what + progress(outgoing, replyBytes));
    }

    private static String progress(Outgoing outgoing, int replyBytes) {
        return " (sent " + outgoing.sent + " of " + outgoing.total + " bytes, received " + replyBytes
            + " bytes of reply)";
    }

    private static ClamdUnavailableException broken(String message, IOException cause) {
        return cause == null ? new ClamdUnavailableException(message)
                             : new ClamdUnavailableException(message + ": " + cause, cause);
    }

    private static void selectFor(Selector selector, long nanos, String peer) throws IOException {
        // select(0) would block forever: wait at least a millisecond.
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new ClamdUnavailableException("interrupted while talking to clamd at " + peer);
        }
    }

    private static SocketAddress resolve(SocketAddress address, String peer) throws ClamdUnavailableException {
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            InetSocketAddress resolved = new InetSocketAddress(inet.getHostString(), inet.getPort());
            if (resolved.isUnresolved()) {
                throw new ClamdUnavailableException("cannot resolve clamd host " + peer);
            }
            return resolved;
        }
        return address;
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // nothing left to do with a connection being thrown away
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(channel);
    }

    /** The bytes still to send: the command, then 4-byte big-endian chunk lengths and chunks, then 0. */
    private static final class Outgoing {
        private final byte[] payload;
        private final int chunkSize;
        private final long total;
        private final ByteBuffer header = ByteBuffer.allocate(4);
        private ByteBuffer[] current;
        private int payloadOffset;
        private boolean terminatorQueued;
        private long sent;

        Outgoing(byte[] command, byte[] payload, int chunkSize) {
            this.payload = payload;
            this.chunkSize = chunkSize;
            long chunks = payload == null ? 0 : (payload.length + (long) chunkSize - 1) / chunkSize;
            this.total = command.length + (payload == null ? 0 : payload.length + 4 * (chunks + 1));
            this.current = new ByteBuffer[] {ByteBuffer.wrap(command)};
            this.terminatorQueued = payload == null;
        }

        boolean hasMore() {
            return remaining(current) > 0 || !terminatorQueued;
        }

        long write(SocketChannel channel) throws IOException {
            if (remaining(current) == 0) {
                next();
            }
            long written = channel.write(current);
            sent += written;
            return written;
        }

        private void next() {
            int length = Math.min(chunkSize, payload.length - payloadOffset);
            header.clear().putInt(length).flip();
            if (length == 0) {
                terminatorQueued = true;
                current = new ByteBuffer[] {header};
            } else {
                current = new ByteBuffer[] {header, ByteBuffer.wrap(payload, payloadOffset, length)};
                payloadOffset += length;
            }
        }

        private static long remaining(ByteBuffer[] buffers) {
            long remaining = 0;
            for (ByteBuffer buffer : buffers) {
                remaining += buffer.remaining();
            }
            return remaining;
        }
    }
}
