package org.smtpgw.launcher;

/** A reason not to (keep) run(ning), with the exit code the manual gives for it. */
public class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public LaunchException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LaunchException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
