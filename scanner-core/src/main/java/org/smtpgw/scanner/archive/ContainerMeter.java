package org.smtpgw.scanner.archive;

import java.io.IOException;
import java.io.InputStream;

import org.smtpgw.scanner.model.ScanLimits;

/**
 * Reads the entries of one container with bounded reads and counts what it produces against the limits: the size
 * of each entry, the compression ratio of the container, and the message's {@link UnpackBudget}.
 */
final class ContainerMeter {
    private static final int CHUNK = 64 * 1024;

    private final ScanLimits limits;
    private final UnpackBudget budget;
    private final long containerSize;
    private long produced;

    ContainerMeter(ScanLimits limits, UnpackBudget budget, long containerSize) {
        this.limits = limits;
        this.budget = budget;
        this.containerSize = Math.max(1, containerSize);
    }

    /**
     * Reads one entry to its end. Grows the buffer as bytes arrive, never from a declared size.
     *
     * @throws EntryTooLargeException when the entry is over {@link ScanLimits#maxObjectSize()}
     * @throws LimitExceededException when the container's ratio or the message budget is exceeded
     */
    byte[] readEntry(InputStream in) throws IOException, LimitExceededException, EntryTooLargeException {
        GrowingBuffer buffer = new GrowingBuffer(limits.maxObjectSize());
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk)) != -1) {
            if (n == 0) {
                continue;
            }
            count(n);
            if (buffer.size() + n > limits.maxObjectSize()) {
                throw new EntryTooLargeException(limits.maxObjectSize(), buffer.size() + n);
            }
            buffer.write(chunk, n);
        }
        return buffer.toByteArray();
    }

    private void count(int n) throws LimitExceededException {
        produced += n;
        budget.consume(n);
        if (produced > ScanLimits.RATIO_CHECK_FLOOR_BYTES && produced / containerSize >= limits.maxCompressionRatio()) {
            throw new LimitExceededException("maxCompressionRatio", limits.maxCompressionRatio(), "",
                "the container of " + containerSize + " bytes unpacks to more than " + produced + " bytes");
        }
    }

    /** An entry over {@link ScanLimits#maxObjectSize()}. */
    static final class EntryTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        final long bytesRead;

        EntryTooLargeException(long limit, long bytesRead) {
            super("limit maxObjectSize=" + limit + " bytes exceeded");
            this.bytesRead = bytesRead;
        }
    }

    /** A byte buffer that doubles as needed, never beyond its cap; callers check the cap before writing. */
    static final class GrowingBuffer {
        private final long cap;
        private byte[] data = new byte[8192];
        private int size;

        GrowingBuffer(long cap) {
            this.cap = Math.min(cap, Integer.MAX_VALUE - 16);
        }

        void write(byte[] bytes, int length) {
            if (size + length > data.length) {
                long wanted = Math.max((long) data.length * 2, (long) size + length);
                data = java.util.Arrays.copyOf(data, (int) Math.min(wanted, Math.max(cap, (long) size + length)));
            }
            System.arraycopy(bytes, 0, data, size, length);
            size += length;
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
