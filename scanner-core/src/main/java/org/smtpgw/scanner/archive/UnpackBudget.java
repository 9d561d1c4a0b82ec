package org.smtpgw.scanner.archive;

import org.smtpgw.scanner.model.ScanLimits;

/**
 * The unpacked bytes one message may still produce ({@link ScanLimits#maxUnpackedBytesPerMessage()}). One per
 * scanned message, used by one thread.
 */
public final class UnpackBudget {
    private final long limit;
    private long used;

    public UnpackBudget(ScanLimits limits) {
        this.limit = limits.maxUnpackedBytesPerMessage();
    }

    /** Counts {@code bytes} more; throws once the total is over the limit (and on every call after that). */
    public void consume(long bytes) throws LimitExceededException {
        used += bytes;
        if (used > limit) {
            throw new LimitExceededException("maxUnpackedBytesPerMessage", limit, "bytes",
                "the archives of this message unpack to more");
        }
    }

    public boolean isExhausted() {
        return used > limit;
    }

    public long used() {
        return used;
    }
}
