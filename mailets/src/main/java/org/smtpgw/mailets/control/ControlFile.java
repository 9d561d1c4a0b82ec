package org.smtpgw.mailets.control;

import java.util.Optional;

/**
 * The management files of the manual's appendix A.4: an administrator (or {@code smtpgwctl}) creates one in
 * {@code ControlPath}; the server carries out its command and deletes it.
 */
public enum ControlFile {
    STATS(".c_stats", "write the statistics file"),
    RECV_ON(".c_recv_on", "start the receiver task"),
    RECV_OFF(".c_recv_off", "stop the receiver task"),
    SEND_ON(".c_send_on", "start the sender task"),
    SEND_OFF(".c_send_off", "stop the sender task"),
    AVIR_ON(".c_avir_on", "start the anti-virus task"),
    AVIR_OFF(".c_avir_off", "stop the anti-virus task"),
    DB_RELOAD(".c_db_reload", "reload the anti-virus databases");

    /** Every control file name starts with this; other files in {@code ControlPath} are none of the poller's business. */
    public static final String PREFIX = ".c_";
    /** Suffix of the file that replaces a control file whose command failed; it holds the error message. */
    public static final String FAILED_SUFFIX = ".failed";
    /** Suffix a control file is renamed to while its command runs (a database reload may take a while). */
    public static final String RUNNING_SUFFIX = ".running";

    private final String fileName;
    private final String description;

    ControlFile(String fileName, String description) {
        this.fileName = fileName;
        this.description = description;
    }

    public String fileName() {
        return fileName;
    }

    public String description() {
        return description;
    }

    /** The name this file has while its command runs. */
    public String runningFileName() {
        return fileName + RUNNING_SUFFIX;
    }

    /** The file left in place of this one when its command failed. */
    public String failedFileName() {
        return fileName + FAILED_SUFFIX;
    }

    public static Optional<ControlFile> byFileName(String name) {
        for (ControlFile file : values()) {
            if (file.fileName.equals(name)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }
}
