package org.smtpgw.mailets.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Appends lines to a file, one {@code write} per line on a channel opened in append mode, so lines of several
 * writers (or processes) never interleave within a line.
 *
 * <p>Why plain NIO rather than a logback appender: the mailets must work drop-in in any James, whose logging
 * configuration belongs to its administrator, and the event log's format and levels are the manual's, not logback's.
 * Rotation by an external tool ({@code logrotate} moving or deleting the file) is handled: before each line the file
 * at the path is compared with the open one (by file key, i.e. device and inode), and reopened (created) when it was
 * moved or removed. {@code copytruncate} works too, since every write appends at the current end.
 */
public final class FileLineSink implements LineSink {
    private final Path path;
    private FileChannel channel;
    private Object openKey;

    public FileLineSink(Path path) {
        this.path = Objects.requireNonNull(path).toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void write(LogLevel level, String line) throws IOException {
        ensureOpen();
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void ensureOpen() throws IOException {
        if (channel != null && channel.isOpen() && Objects.equals(openKey, currentKey())) {
            return;
        }
        closeChannel();
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            StandardOpenOption.WRITE);
        openKey = currentKey();
    }

    private Object currentKey() throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            // Without file keys (some file systems) rotation cannot be seen; a fresh object never equals the old one,
            // so such files are reopened for every line, which is slower but still correct.
            return key == null ? new Object() : key;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing left to save in a channel we are giving up.
            }
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }

    @Override
    public String toString() {
        return "file " + path;
    }
}
