package org.smtpgw.launcher;

/** Return codes of {@code bin/smtpgw} (the manual's appendix A.7, where they apply to the bundled server). */
public enum ExitCode {
    OK(0, "started successfully"),
    BAD_OPTIONS(1, "error in command line options"),
    CRITICAL(30, "critical error"),
    PID_FILE_EXISTS(41, "the pid file already exists"),
    PID_FILE_NOT_CREATED(42, "the pid file cannot be created"),
    DAEMON_FAILED(43, "unable to run the daemon process"),
    OWNER_NOT_CHANGED(44, "the owner of the process cannot be changed"),
    BIND_FAILED(55, "a listening address cannot be bound"),
    CONF_UNREADABLE(65, "the configuration file cannot be loaded"),
    CONF_INVALID(66, "error in the configuration file");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
