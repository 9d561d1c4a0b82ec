package org.smtpgw.scanner.archive;

import org.smtpgw.scanner.ObjectStatus;

/**
 * A container could not be (fully) unpacked: it is corrupt, encrypted as a whole, or over a limit. The container
 * gets {@link #status()} with {@link #getMessage()} as reason; what was unpacked before stays listed.
 */
public class UnpackException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ObjectStatus status;

    public UnpackException(ObjectStatus status, String reason) {
        super(reason);
        this.status = status;
    }

    public UnpackException(ObjectStatus status, String reason, Throwable cause) {
        super(reason, cause);
        this.status = status;
    }

    /** {@link ObjectStatus#ERROR} or {@link ObjectStatus#PROTECTED}. */
    public ObjectStatus status() {
        return status;
    }
}
