package org.smtpgw.scanner.engine;

/**
 * The engine cannot scan at all right now (clamd unreachable, scanning switched off, no database loaded).
 *
 * <p>This is not an object status: a message whose scan ends with this exception has not been scanned and
 * must wait until the engine is back (fail closed), never be treated as clean or as an object error.
 */
public class EngineUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
