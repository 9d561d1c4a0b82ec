package org.smtpgw.scanner.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.model.ScanLimits;

/**
 * Opens zip, tar, 7z archives and gzip, bzip2, xz streams with commons-compress, within {@link ScanLimits}.
 *
 * <ul>
 *   <li>Zip is read as a stream of local entries (not through the central directory), so a forged directory
 *       cannot make entries overlap or announce millions of them up front.</li>
 *   <li>An encrypted zip entry, or an encrypted 7z entry, is returned with status {@code protected}; a 7z whose
 *       headers are encrypted makes the whole container {@code protected}.</li>
 *   <li>An entry whose compression method commons-compress does not implement is returned with status
 *       {@code error}, and reading goes on.</li>
 *   <li>An entry over {@link ScanLimits#maxObjectSize()} is returned with status {@code error}, and the
 *       container is not read further (skipping the rest of such an entry could cost unbounded time).</li>
 *   <li>A single-stream format (gzip, bzip2, xz) gives one entry, named after the gzip header's file name or the
 *       container's name without its extension ({@code a.exe.gz} gives {@code a.exe}, {@code a.tgz} gives
 *       {@code a.tar}), else {@code data}.</li>
 * </ul>
 * Stateless and thread-safe; each {@link EntryReader} it opens belongs to one thread.
 */
public final class ArchiveUnpacker {
    private final ScanLimits limits;

    public ArchiveUnpacker(ScanLimits limits) {
        this.limits = limits;
    }

    /**
     * @param containerName the container's own name, used to name what a single-stream format holds
     * @throws UnpackException when the container cannot even be opened
     */
    public EntryReader open(ArchiveFormat format, byte[] container, Optional<String> containerName,
                            UnpackBudget budget) throws UnpackException {
        ContainerMeter meter = new ContainerMeter(limits, budget, container.length);
        try {
            return switch (format) {
                case ZIP -> new StreamReader(format, meter, new ZipArchiveInputStream(
                    new ByteArrayInputStream(container), "UTF-8", true, true));
                case TAR -> new StreamReader(format, meter, new TarArchiveInputStream(
                    new ByteArrayInputStream(container)));
                case SEVEN_Z -> new SevenZReader(meter, SevenZFile.builder()
                    .setSeekableByteChannel(new SeekableInMemoryByteChannel(container))
                    .setMaxMemoryLimitKb(limits.maxDictionaryKiB())
                    .get());
                case GZIP -> {
                    GzipCompressorInputStream gzip = new GzipCompressorInputStream(
                        new ByteArrayInputStream(container), true);
                    String stored = gzip.getMetaData().getFileName();
                    String name = stored != null && !stored.isBlank() ? stored : unpackedName(containerName, format);
                    yield new SingleStreamReader(format, meter, gzip, name);
                }
                case BZIP2 -> new SingleStreamReader(format, meter, new BZip2CompressorInputStream(
                    new ByteArrayInputStream(container), true), unpackedName(containerName, format));
                case XZ -> new SingleStreamReader(format, meter, new XZCompressorInputStream(
                    new ByteArrayInputStream(container), true, limits.maxDictionaryKiB()),
                    unpackedName(containerName, format));
            };
        } catch (IOException e) {
            throw failure(format, e);
        }
    }

    /** The name of the file a single-stream container holds, from the container's name. */
    static String unpackedName(Optional<String> containerName, ArchiveFormat format) {
        if (containerName.isEmpty()) {
            return "data";
        }
        String name = baseName(containerName.get());
        String lower = name.toLowerCase(Locale.ROOT);
        String[][] suffixes = switch (format) {
            case GZIP -> new String[][] {{".tgz", ".tar"}, {".taz", ".tar"}, {".gz", ""}, {".gzip", ""}, {".z", ""}};
            case BZIP2 -> new String[][] {{".tbz2", ".tar"}, {".tbz", ".tar"}, {".bz2", ""}, {".bz", ""}};
            case XZ -> new String[][] {{".txz", ".tar"}, {".xz", ""}};
            default -> new String[0][];
        };
        for (String[] suffix : suffixes) {
            if (lower.endsWith(suffix[0]) && lower.length() > suffix[0].length()) {
                return name.substring(0, name.length() - suffix[0].length()) + suffix[1];
            }
        }
        return "data";
    }

    private static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? name : name.substring(slash + 1);
    }

    private UnpackException failure(ArchiveFormat format, IOException e) {
        if (e instanceof PasswordRequiredException) {
            return new UnpackException(ObjectStatus.PROTECTED, "password-protected " + format.description(), e);
        }
        if (e instanceof MemoryLimitException memory) {
            return new LimitExceededException("maxDictionaryKiB", limits.maxDictionaryKiB(), "KiB",
                "the " + format.description() + " needs " + memory.getMemoryNeededInKb() + " KiB to decompress");
        }
        return new UnpackException(ObjectStatus.ERROR, "corrupt " + format.description() + ": " + describe(e), e);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Counts entries and turns a too-large entry into an error entry that ends the container. */
    private abstract class BaseReader implements EntryReader {
        final ArchiveFormat format;
        final ContainerMeter meter;
        private int entries;
        private Optional<String> stoppedBecause = Optional.empty();

        BaseReader(ArchiveFormat format, ContainerMeter meter) {
            this.format = format;
            this.meter = meter;
        }

        @Override
        public final Optional<UnpackedEntry> next() throws UnpackException {
            if (stoppedBecause.isPresent()) {
                throw new UnpackException(ObjectStatus.ERROR, stoppedBecause.get());
            }
            try {
                Optional<UnpackedEntry> entry = nextEntry();
                if (entry.isPresent() && ++entries > limits.maxEntriesPerArchive()) {
                    throw new LimitExceededException("maxEntriesPerArchive", limits.maxEntriesPerArchive(), "",
                        "the " + format.description() + " has more entries");
                }
                return entry;
            } catch (ContainerMeter.EntryTooLargeException e) {
                stoppedBecause = Optional.of("not read past entry '" + currentName()
                    + "': " + e.getMessage());
                return Optional.of(UnpackedEntry.error(currentName(), e.getMessage(),
                    e.bytesRead));
            } catch (UnpackException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // commons-compress reports corrupt input as IOException, and now and then as a runtime exception
                throw e instanceof IOException io ? failure(format, io)
                    : new UnpackException(ObjectStatus.ERROR, "corrupt " + format.description() + ": "
                        + describe(e), e);
            }
        }

        abstract Optional<UnpackedEntry> nextEntry()
            throws IOException, UnpackException, ContainerMeter.EntryTooLargeException;

        abstract String currentName();
    }

    /** Zip and tar: streams of entries. */
    private final class StreamReader extends BaseReader {
        private final ArchiveInputStream<? extends ArchiveEntry> in;
        private String current = "";

        StreamReader(ArchiveFormat format, ContainerMeter meter, ArchiveInputStream<? extends ArchiveEntry> in) {
            super(format, meter);
            this.in = in;
        }

        @Override
        Optional<UnpackedEntry> nextEntry()
            throws IOException, UnpackException, ContainerMeter.EntryTooLargeException {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                current = entry.getName();
                if (entry.isDirectory() || (entry instanceof TarArchiveEntry tar && !isRegularFile(tar))
                    || (entry instanceof ZipArchiveEntry zipEntry && zipEntry.isUnixSymlink())) {
                    continue;
                }
                if (entry instanceof ZipArchiveEntry zipEntry) {
                    if (zipEntry.getGeneralPurposeBit().usesEncryption()) {
                        return Optional.of(UnpackedEntry.protectedEntry(current,
                            "encrypted zip entry"));
                    }
                    if (!in.canReadEntryData(zipEntry)) {
                        return Optional.of(UnpackedEntry.error(current,
                            "unsupported zip compression method " + methodName(zipEntry.getMethod()), 0));
                    }
                }
                try {
                    return Optional.of(UnpackedEntry.of(current, meter.readEntry(in)));
                } catch (UnsupportedZipFeatureException e) {
                    return Optional.of(UnpackedEntry.error(current,
                        "unsupported zip feature: " + describe(e), 0));
                }
            }
            return Optional.empty();
        }

        @Override
        String currentName() {
            return current;
        }
    }

    // TarArchiveEntry.isFile() also says yes for links; only regular files carry content worth scanning.
    private static boolean isRegularFile(TarArchiveEntry tar) {
        return tar.isFile() && !tar.isSymbolicLink() && !tar.isLink() && !tar.isCharacterDevice()
            && !tar.isBlockDevice() && !tar.isFIFO();
    }

    private static String methodName(int code) {
        ZipMethod method = ZipMethod.getMethodByCode(code);
        return method == null ? String.valueOf(code) : method.name().toLowerCase(Locale.ROOT) + " (" + code + ")";
    }

    private final class SevenZReader extends BaseReader {
        private final SevenZFile file;
        private String current = "";

        SevenZReader(ContainerMeter meter, SevenZFile file) {
            super(ArchiveFormat.SEVEN_Z, meter);
            this.file = file;
        }

        @Override
        Optional<UnpackedEntry> nextEntry()
            throws IOException, UnpackException, ContainerMeter.EntryTooLargeException {
            SevenZArchiveEntry entry;
            while ((entry = file.getNextEntry()) != null) {
                current = entry.getName() == null ? "data" : entry.getName();
                if (entry.isDirectory() || entry.isAntiItem()) {
                    continue;
                }
                if (!entry.hasStream()) {
                    return Optional.of(UnpackedEntry.of(current, new byte[0]));
                }
                try {
                    return Optional.of(UnpackedEntry.of(current,
                        meter.readEntry(new SevenZEntryStream(file))));
                } catch (PasswordRequiredException e) {
                    return Optional.of(UnpackedEntry.protectedEntry(current,
                        "encrypted 7z entry"));
                }
            }
            return Optional.empty();
        }

        @Override
        String currentName() {
            return current;
        }
    }

    /** The current entry of a {@link SevenZFile} as an InputStream. */
    private static final class SevenZEntryStream extends InputStream {
        private final SevenZFile file;

        SevenZEntryStream(SevenZFile file) {
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            return file.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return file.read(buffer, offset, length);
        }
    }

    private final class SingleStreamReader extends BaseReader {
        private final InputStream in;
        private final String name;
        private boolean done;

        SingleStreamReader(ArchiveFormat format, ContainerMeter meter, InputStream in, String name) {
            super(format, meter);
            this.in = in;
            this.name = name;
        }

        @Override
        Optional<UnpackedEntry> nextEntry()
            throws IOException, UnpackException, ContainerMeter.EntryTooLargeException {
            if (done) {
                return Optional.empty();
            }
            done = true;
            return Optional.of(UnpackedEntry.of(name, meter.readEntry(in)));
        }

        @Override
        String currentName() {
            return name;
        }
    }
}
