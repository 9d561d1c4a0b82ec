package org.smtpgw.scanner.clamd;

import java.io.IOException;

/**
 * No usable reply came from clamd: it could not be reached, the connection broke before the reply, a timeout
 * passed, or the reply was not clamd's. The message names the address and what went wrong.
 */
public class ClamdUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public ClamdUnavailableException(String message) {
        super(message);
    }

    public ClamdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
