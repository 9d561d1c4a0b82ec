package org.smtpgw.scanner.archive;

import org.smtpgw.scanner.ObjectStatus;

/**
 * A {@link org.smtpgw.scanner.model.ScanLimits} limit was exceeded; the message names the limit and its value,
 * as in {@code limit maxUnpackedBytesPerMessage=104857600 bytes exceeded}.
 */
public class LimitExceededException extends UnpackException {
    private static final long serialVersionUID = 1L;

    private final String limit;

    public LimitExceededException(String limit, long value, String unit, String detail) {
        super(ObjectStatus.ERROR, "limit " + limit + "=" + value + (unit.isEmpty() ? "" : " " + unit) + " exceeded"
            + (detail.isEmpty() ? "" : ": " + detail));
        this.limit = limit;
    }

    /** The name of the limit, such as {@code maxObjectSize}. */
    public String limit() {
        return limit;
    }
}
