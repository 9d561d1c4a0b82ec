package org.smtpgw.scanner.model;

/**
 * Limits that keep one message from using unbounded memory or time while it is decomposed (archive bombs,
 * deeply nested attachments, huge decoded parts).
 *
 * <p>Going over a limit never throws: the object concerned gets status {@code error} with a reason naming the
 * limit and its value, such as {@code limit maxObjectSize=33554432 bytes exceeded}. Content is always read with
 * bounded reads; no buffer is ever sized from a length an archive or header declares.
 *
 * <p>Peak memory for one message is about the message itself plus {@link #maxUnpackedBytesPerMessage()}, plus
 * the decoded MIME parts on the current path (each at most {@link #maxObjectSize()}).
 *
 * @param maxNestingDepth            how many containers may nest (an attached message, an archive, a compressed
 *                                   file, a mailbox file, a text with uuencoded blocks each count one level; so
 *                                   {@code .tar.gz} counts two); a container deeper than this is scanned as a
 *                                   whole but not opened, and gets {@code error}. Default 10.
 * @param maxEntriesPerArchive       entries (or mailbox messages, or uuencoded blocks) read from one container;
 *                                   the container gets {@code error} and the rest is not read. Default 1000.
 * @param maxUnpackedBytesPerMessage bytes produced by unpacking and decompressing, summed over the whole
 *                                   message; once exceeded, the container being read and every later one get
 *                                   {@code error}. Default 100 MiB.
 * @param maxCompressionRatio        bytes unpacked from a container divided by the container's size; checked
 *                                   once a container has produced more than {@link #RATIO_CHECK_FLOOR_BYTES},
 *                                   so small, very compressible files pass. Default 100.
 * @param maxObjectSize              the largest object (decoded MIME part or unpacked entry) that is scanned; a
 *                                   larger one gets {@code error}; inside an archive, reading that archive stops
 *                                   there too (skipping the rest of a huge entry could cost unbounded time).
 *                                   Default 32 MiB, at most 1 GiB.
 * @param maxDictionaryKiB           memory an xz or 7z decoder may claim for its dictionary. Default 64 MiB.
 */
public record ScanLimits(int maxNestingDepth, int maxEntriesPerArchive, long maxUnpackedBytesPerMessage,
                         int maxCompressionRatio, long maxObjectSize, int maxDictionaryKiB) {

    /** Unpacked bytes a container may produce before its compression ratio is checked. */
    public static final long RATIO_CHECK_FLOOR_BYTES = 1024 * 1024;

    /** The largest {@link #maxObjectSize()}: objects are held in a Java array while scanned. */
    public static final long MAX_OBJECT_SIZE_CEILING = 1L << 30;

    /** The defaults documented on each component. */
    public static final ScanLimits DEFAULT = new ScanLimits(10, 1000, 100L * 1024 * 1024, 100,
        32L * 1024 * 1024, 64 * 1024);

    public ScanLimits {
        positive("maxNestingDepth", maxNestingDepth);
        positive("maxEntriesPerArchive", maxEntriesPerArchive);
        positive("maxUnpackedBytesPerMessage", maxUnpackedBytesPerMessage);
        positive("maxCompressionRatio", maxCompressionRatio);
        positive("maxObjectSize", maxObjectSize);
        positive("maxDictionaryKiB", maxDictionaryKiB);
        if (maxObjectSize > MAX_OBJECT_SIZE_CEILING) {
            throw new IllegalArgumentException("maxObjectSize must be at most " + MAX_OBJECT_SIZE_CEILING
                + " bytes (objects are scanned from memory), was " + maxObjectSize);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Starts from {@link #DEFAULT} (or the limits it was made from); {@link #build()} validates. */
    public static final class Builder {
        private int maxNestingDepth;
        private int maxEntriesPerArchive;
        private long maxUnpackedBytesPerMessage;
        private int maxCompressionRatio;
        private long maxObjectSize;
        private int maxDictionaryKiB;

        private Builder(ScanLimits from) {
            maxNestingDepth = from.maxNestingDepth;
            maxEntriesPerArchive = from.maxEntriesPerArchive;
            maxUnpackedBytesPerMessage = from.maxUnpackedBytesPerMessage;
            maxCompressionRatio = from.maxCompressionRatio;
            maxObjectSize = from.maxObjectSize;
            maxDictionaryKiB = from.maxDictionaryKiB;
        }

        public Builder maxNestingDepth(int value) {
            maxNestingDepth = value;
            return this;
        }

        public Builder maxEntriesPerArchive(int value) {
            maxEntriesPerArchive = value;
            return this;
        }

        public Builder maxUnpackedBytesPerMessage(long value) {
            maxUnpackedBytesPerMessage = value;
            return this;
        }

        public Builder maxCompressionRatio(int value) {
            maxCompressionRatio = value;
            return this;
        }

        public Builder maxObjectSize(long value) {
            maxObjectSize = value;
            return this;
        }

        public Builder maxDictionaryKiB(int value) {
            maxDictionaryKiB = value;
            return this;
        }

        public ScanLimits build() {
            return new ScanLimits(maxNestingDepth, maxEntriesPerArchive, maxUnpackedBytesPerMessage,
                maxCompressionRatio, maxObjectSize, maxDictionaryKiB);
        }
    }
}
