package org.smtpgw.scanner.clamd;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * How to reach one clamd and how long to wait for it. Immutable; build it with {@link #builder()} and make
 * variants with {@link #newBuilder()}.
 *
 * <pre>{@code
 * ClamdConfig config = ClamdConfig.builder()
 *     .unixSocket(Path.of("/run/clamav/clamd.ctl"))
 *     .maxStreamSize(25 * 1024 * 1024)   // keep at or below clamd.conf StreamMaxLength
 *     .scanTimeout(Duration.ofMinutes(3))
 *     .build();
 * }</pre>
 *
 * <h2>Defaults and limits</h2>
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>setting</th><th>default</th><th>allowed</th><th>meaning</th></tr>
 *   <tr><td>address</td><td>none, required</td><td>TCP host:port or a Unix socket path</td>
 *       <td>where clamd listens ({@code TCPSocket}/{@code TCPAddr} or {@code LocalSocket} in clamd.conf)</td></tr>
 *   <tr><td>connectTimeout</td><td>5 s</td><td>1 ms .. 10 min</td><td>to open the connection</td></tr>
 *   <tr><td>readTimeout</td><td>60 s</td><td>1 ms .. 1 h</td>
 *       <td>longest wait without any byte moving in either direction; clamd replies only once it has scanned
 *       the whole object, so this must cover the longest scan of one object</td></tr>
 *   <tr><td>scanTimeout</td><td>150 s</td><td>1 ms .. 1 h</td>
 *       <td>the whole call, including the wait for a free connection slot; above clamd's own
 *       {@code MaxScanTime} (120 s by default) so that clamd's limit, which gives a reply, fires first</td></tr>
 *   <tr><td>maxStreamSize</td><td>25 MiB</td><td>1 .. 4 GiB - 2</td>
 *       <td>largest object sent; keep it at or below clamd.conf {@code StreamMaxLength} (Debian ships 25M)</td></tr>
 *   <tr><td>chunkSize</td><td>64 KiB</td><td>1 KiB .. 16 MiB</td><td>size of one INSTREAM chunk</td></tr>
 *   <tr><td>maxConnections</td><td>10</td><td>1 .. 1000</td>
 *       <td>most connections open to clamd at once; match clamd.conf {@code MaxThreads} (10 by default)</td></tr>
 *   <tr><td>versionCacheTtl</td><td>60 s</td><td>0 .. 1 day</td>
 *       <td>how long the reply to VERSION is reused (see {@link ClamdEngine#databaseVersion()})</td></tr>
 * </table>
 *
 * <h2>Timeouts and the per-object ScanTimeout</h2>
 * When a timeout here passes, the engine throws {@link org.smtpgw.scanner.engine.EngineUnavailableException}
 * (the message waits). {@code MessageScanner}'s per-object {@code ScanTimeout} (60 s by default) gives the object
 * status {@code error} instead. Whichever is shorter decides what a stalled clamd means: with the defaults it
 * is the per-object timeout. For a stall to hold mail rather than mark objects {@code error}, set
 * {@code scanTimeout} below {@code ScanTimeout}, and set clamd's {@code MaxScanTime} below both, so that an
 * object that is slow to scan still gets a reply from clamd.
 */
public final class ClamdConfig {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SCAN_TIMEOUT = Duration.ofSeconds(150);
    public static final long DEFAULT_MAX_STREAM_SIZE = 25L * 1024 * 1024;
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 10;
    public static final Duration DEFAULT_VERSION_CACHE_TTL = Duration.ofSeconds(60);

    /** INSTREAM chunk lengths are 4-byte unsigned integers, and clamd counts the stream in an unsigned 32-bit value. */
    public static final long MAX_STREAM_SIZE_LIMIT = 0xFFFF_FFFFL - 1;
    static final int MIN_CHUNK_SIZE = 1024;
    static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    static final int MAX_MAX_CONNECTIONS = 1000;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration MAX_IO_TIMEOUT = Duration.ofHours(1);
    private static final Duration MAX_VERSION_CACHE_TTL = Duration.ofDays(1);

    private final SocketAddress address;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration scanTimeout;
    private final long maxStreamSize;
    private final int chunkSize;
    private final int maxConnections;
    private final Duration versionCacheTtl;

    private ClamdConfig(Builder builder) {
        this.address = Objects.requireNonNull(builder.address,
            "clamd address == null: call tcp(host, port) or unixSocket(path)");
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.scanTimeout = builder.scanTimeout;
        this.maxStreamSize = builder.maxStreamSize;
        this.chunkSize = builder.chunkSize;
        this.maxConnections = builder.maxConnections;
        this.versionCacheTtl = builder.versionCacheTtl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** An {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
    public SocketAddress address() {
        return address;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration scanTimeout() {
        return scanTimeout;
    }

    public long maxStreamSize() {
        return maxStreamSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public Duration versionCacheTtl() {
        return versionCacheTtl;
    }

    /** The address as people write it: {@code 127.0.0.1:3310} or {@code unix:/run/clamav/clamd.ctl}. */
    public String describeAddress() {
        if (address instanceof UnixDomainSocketAddress unix) {
            return "unix:" + unix.getPath();
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.getHostString() + ":" + inet.getPort();
    }

    @Override
    public String toString() {
        return "ClamdConfig{address=" + describeAddress() + ", connectTimeout=" + connectTimeout
            + ", readTimeout=" + readTimeout + ", scanTimeout=" + scanTimeout + ", maxStreamSize=" + maxStreamSize
            + ", chunkSize=" + chunkSize + ", maxConnections=" + maxConnections
            + ", versionCacheTtl=" + versionCacheTtl + "}";
    }

    /** Checks every value when it is set, so a bad value fails where it is given. */
    public static final class Builder {
        private SocketAddress address;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration scanTimeout = DEFAULT_SCAN_TIMEOUT;
        private long maxStreamSize = DEFAULT_MAX_STREAM_SIZE;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration versionCacheTtl = DEFAULT_VERSION_CACHE_TTL;

        private Builder() {
        }

        private Builder(ClamdConfig config) {
            this.address = config.address;
            this.connectTimeout = config.connectTimeout;
            this.readTimeout = config.readTimeout;
            this.scanTimeout = config.scanTimeout;
            this.maxStreamSize = config.maxStreamSize;
            this.chunkSize = config.chunkSize;
            this.maxConnections = config.maxConnections;
            this.versionCacheTtl = config.versionCacheTtl;
        }

        /** clamd's {@code TCPSocket} port on {@code host}; the name is resolved when a connection is opened. */
        public Builder tcp(String host, int port) {
            Objects.requireNonNull(host, "host == null");
            if (host.isBlank()) {
                throw new IllegalArgumentException("clamd host is blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("clamd port " + port + " is outside 1..65535");
            }
            this.address = InetSocketAddress.createUnresolved(host, port);
            return this;
        }

        /** clamd's {@code LocalSocket}. */
        public Builder unixSocket(Path path) {
            this.address = UnixDomainSocketAddress.of(Objects.requireNonNull(path, "path == null"));
            return this;
        }

        /** An {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
        public Builder address(SocketAddress address) {
            Objects.requireNonNull(address, "address == null");
            if (!(address instanceof InetSocketAddress) && !(address instanceof UnixDomainSocketAddress)) {
                throw new IllegalArgumentException("clamd address must be TCP or a Unix socket, was "
                    + address.getClass().getName());
            }
            this.address = address;
            return this;
        }

        /** Default 5 seconds; 1 ms to 10 minutes. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checkDuration("connectTimeout", timeout, Duration.ofMillis(1), MAX_CONNECT_TIMEOUT);
            return this;
        }

        public Builder connectTimeout(long timeout, TimeUnit unit) {
            return connectTimeout(toDuration(timeout, unit));
        }

        /** Default 60 seconds; 1 ms to 1 hour. Longest wait without progress, including the wait for the verdict. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checkDuration("readTimeout", timeout, Duration.ofMillis(1), MAX_IO_TIMEOUT);
            return this;
        }

        public Builder readTimeout(long timeout, TimeUnit unit) {
            return readTimeout(toDuration(timeout, unit));
        }

        /** Default 150 seconds; 1 ms to 1 hour. Bounds a whole call, from waiting for a slot to the reply. */
        public Builder scanTimeout(Duration timeout) {
            this.scanTimeout = checkDuration("scanTimeout", timeout, Duration.ofMillis(1), MAX_IO_TIMEOUT);
            return this;
        }

        public Builder scanTimeout(long timeout, TimeUnit unit) {
            return scanTimeout(toDuration(timeout, unit));
        }

        /**
         * Default 25 MiB; 1 byte to 4 GiB - 2. Objects larger than this are not sent: they get status ERROR.
         * Keep it at or below clamd.conf's {@code StreamMaxLength}.
         */
        public Builder maxStreamSize(long bytes) {
            if (bytes < 1 || bytes > MAX_STREAM_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxStreamSize " + bytes + " is outside 1.." + MAX_STREAM_SIZE_LIMIT);
            }
            this.maxStreamSize = bytes;
            return this;
        }

        /** Default 64 KiB; 1 KiB to 16 MiB. */
        public Builder chunkSize(int bytes) {
            if (bytes < MIN_CHUNK_SIZE || bytes > MAX_CHUNK_SIZE) {
                throw new IllegalArgumentException("chunkSize " + bytes + " is outside " + MIN_CHUNK_SIZE + ".."
                    + MAX_CHUNK_SIZE);
            }
            this.chunkSize = bytes;
            return this;
        }

        /** Default 10; 1 to 1000. Keep it at or below clamd.conf's {@code MaxThreads}. */
        public Builder maxConnections(int connections) {
            if (connections < 1 || connections > MAX_MAX_CONNECTIONS) {
                throw new IllegalArgumentException("maxConnections " + connections + " is outside 1.."
                    + MAX_MAX_CONNECTIONS);
            }
            this.maxConnections = connections;
            return this;
        }

        /** Default 60 seconds; 0 (ask every time) to 1 day. */
        public Builder versionCacheTtl(Duration ttl) {
            this.versionCacheTtl = checkDuration("versionCacheTtl", ttl, Duration.ZERO, MAX_VERSION_CACHE_TTL);
            return this;
        }

        public Builder versionCacheTtl(long ttl, TimeUnit unit) {
            return versionCacheTtl(toDuration(ttl, unit));
        }

        public ClamdConfig build() {
            return new ClamdConfig(this);
        }

        private static Duration toDuration(long amount, TimeUnit unit) {
            Objects.requireNonNull(unit, "unit == null");
            return Duration.of(amount, unit.toChronoUnit());
        }

        private static Duration checkDuration(String name, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, name + " == null");
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException(name + " " + value + " is below the minimum " + min);
            }
            if (value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " " + value + " is above the maximum " + max);
            }
            return value;
        }
    }
}
