package org.smtpgw.scanner.mime;

import java.io.IOException;

/**
 * Reading the message handed to the scanner failed (the caller's stream broke), as opposed to the message being
 * malformed. Only this kind of failure leaves the scanner as an IOException.
 */
public final class SourceReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceReadException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** The caller's original exception. */
    public IOException original() {
        return (IOException) getCause();
    }
}
