package org.smtpgw.scanner.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A signature database (or one of its files) was refused: missing, unsigned, signed by an untrusted key, changed
 * after signing, or unreadable. The message names the file and the problem; a refused database is never used.
 */
public class DatabaseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public DatabaseException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public DatabaseException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The file (or directory) that was refused. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
