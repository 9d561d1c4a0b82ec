package org.smtpgw.conf;

import java.io.IOException;
import java.nio.file.Path;

/** The configuration file could not be read at all (missing, unreadable, not text). smtpgw exits 65. */
public class ConfigUnreadableException extends Exception {

    private final Path file;

    public ConfigUnreadableException(Path file, IOException cause) {
        super("cannot read configuration file " + file + ": " + describe(cause), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
