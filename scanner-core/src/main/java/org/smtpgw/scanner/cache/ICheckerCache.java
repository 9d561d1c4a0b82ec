package org.smtpgw.scanner.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.scanner.ScannedObjectCache;

/**
 * The scanned-object cache ("iChecker", manual section 6.1.2; {@code UseIChecker} and {@code ICheckerDBFilename}):
 * the SHA-256 of objects found clean, each with the database version that found it clean, so an identical object is
 * not scanned again until a new database comes into service.
 *
 * <ul>
 *   <li><b>Bounded</b>: at most {@code maxEntries}; the least recently used entry goes first.</li>
 *   <li><b>Persistent</b>: {@link #flush()} (and {@link #close()}) write the entries to the cache file atomically
 *       (temporary file, fsync, rename), with a magic header and a SHA-256 checksum; {@link #open} reads them back
 *       after a restart. A file that is corrupt, truncated or of another format is discarded with a warning and
 *       never trusted: the cache then starts empty, which costs only rescans.</li>
 *   <li><b>Per node</b>: in a scale-out deployment every gateway node keeps its own cache file. That is state
 *       nobody needs to share: a node that misses a hit just scans the object, so the design rule that nodes keep
 *       no state that must be shared holds.</li>
 * </ul>
 * Only "clean" is ever remembered: other statuses are always scanned again. Thread-safe.
 *
 * <p>The owner calls {@link #flush()} now and then (a minute is plenty) and {@link #close()} at shutdown; what a
 * crash loses since the last flush is only rescanned. Entries of an older database version are not looked up any
 * more and leave the cache as the least recently used.
 */
public final class ICheckerCache implements ScannedObjectCache, Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ICheckerCache.class);
    private static final byte[] MAGIC = "SMTPGW-ICHECKER\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final int CHECKSUM_LENGTH = 32;
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private record Key(long a, long b, long c, long d) {
        static Key of(byte[] sha256) {
            if (sha256.length != 32) {
                throw new IllegalArgumentException("a SHA-256 of 32 bytes expected, got " + sha256.length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(sha256);
            return new Key(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(a);
            out.writeLong(b);
            out.writeLong(c);
            out.writeLong(d);
        }
    }

    private final Optional<Path> file;
    private final int maxEntries;
    private final LinkedHashMap<Key, String> entries;
    private final Object flushLock = new Object();
    private final AtomicLong hits = new AtomicLong();
    private boolean dirty;

    private ICheckerCache(Optional<Path> file, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.file = file;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
                return size() > ICheckerCache.this.maxEntries;
            }
        };
    }

    /**
     * Opens the cache kept in {@code file}, reading the entries saved there if the file is intact.
     *
     * @param maxEntries at least 1; when the file holds more, the most recently used are kept
     */
    public static ICheckerCache open(Path file, int maxEntries) {
        ICheckerCache cache = new ICheckerCache(Optional.of(file), maxEntries);
        cache.load(file);
        return cache;
    }

    /** A cache that is never written to disk. */
    public static ICheckerCache inMemory(int maxEntries) {
        return new ICheckerCache(Optional.empty(), maxEntries);
    }

    @Override
    public boolean isKnownClean(byte[] sha256, String dbVersion) {
        Objects.requireNonNull(dbVersion, "dbVersion");
        Key key = Key.of(sha256);
        boolean known;
        synchronized (entries) {
            known = dbVersion.equals(entries.get(key));
        }
        if (known) {
            hits.incrementAndGet();
        }
        return known;
    }

    @Override
    public void rememberClean(byte[] sha256, String dbVersion) {
        Objects.requireNonNull(dbVersion, "dbVersion");
        Key key = Key.of(sha256);
        synchronized (entries) {
            entries.put(key, dbVersion);
            dirty = true;
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** How many lookups found a known clean object since this cache was opened. */
    public long hits() {
        return hits.get();
    }

    /** Writes the entries to the cache file if anything changed since the last write. */
    public void flush() throws IOException {
        if (file.isEmpty()) {
            return;
        }
        synchronized (flushLock) {
            List<Map.Entry<Key, String>> snapshot;
            synchronized (entries) {
                if (!dirty) {
                    return;
                }
                snapshot = new ArrayList<>(entries.entrySet().size());
                entries.forEach((key, version) -> snapshot.add(Map.entry(key, version)));
                dirty = false;
            }
            try {
                write(file.get(), snapshot);
            } catch (IOException e) {
                synchronized (entries) {
                    dirty = true;
                }
                throw e;
            }
        }
    }

    /** Flushes; the cache stays usable in memory. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private static void write(Path target, List<Map.Entry<Key, String>> snapshot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + snapshot.size() * 36);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT);
        Map<String, Integer> versionIndex = new HashMap<>();
        List<String> versions = new ArrayList<>();
        for (Map.Entry<Key, String> entry : snapshot) {
            versionIndex.computeIfAbsent(entry.getValue(), version -> {
                versions.add(version);
                return versions.size() - 1;
            });
        }
        out.writeInt(versions.size());
        for (String version : versions) {
            out.writeUTF(version);
        }
        out.writeInt(snapshot.size());
        for (Map.Entry<Key, String> entry : snapshot) {
            entry.getKey().writeTo(out);
            out.writeInt(versionIndex.get(entry.getValue()));
        }
        out.flush();
        out.write(sha256(bytes.toByteArray(), bytes.size()));
        out.flush();

        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void load(Path source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOGGER.warn("iChecker cache {} cannot be read, starting empty: {}", source, e.toString());
            return;
        }
        try {
            readEntries(bytes);
            LOGGER.info("iChecker cache {}: {} clean objects remembered", source, size());
        } catch (IOException | IllegalArgumentException e) {
            synchronized (entries) {
                entries.clear();
                dirty = true;
            }
            LOGGER.warn("iChecker cache {} is corrupt and is discarded (it will be rewritten): {}", source,
                e.getMessage());
        }
    }

    private void readEntries(byte[] bytes) throws IOException {
        int body = bytes.length - CHECKSUM_LENGTH;
        if (body < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not an iChecker cache file (bad header)");
        }
        if (!Arrays.equals(sha256(bytes, body), 0, CHECKSUM_LENGTH, bytes, body, bytes.length)) {
            throw new IOException("checksum mismatch (truncated or changed)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length));
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("format " + format + " is not supported (expected " + FORMAT + ")");
        }
        int versionCount = in.readInt();
        if (versionCount < 0 || versionCount > body) {
            throw new IOException("bad version count " + versionCount);
        }
        String[] versions = new String[versionCount];
        for (int i = 0; i < versionCount; i++) {
            versions[i] = in.readUTF();
        }
        int count = in.readInt();
        if (count < 0 || (long) count * 36 > in.available()) {
            throw new IOException("bad entry count " + count);
        }
        synchronized (entries) {
            for (int i = 0; i < count; i++) {
                Key key = new Key(in.readLong(), in.readLong(), in.readLong(), in.readLong());
                int version = in.readInt();
                if (version < 0 || version >= versionCount) {
                    throw new IOException("entry " + i + " refers to unknown version " + version);
                }
                entries.put(key, versions[version]);
            }
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected bytes after the entries");
        }
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
