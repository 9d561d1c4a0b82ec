package org.smtpgw.scanner.db;

import java.nio.file.Path;

/**
 * A signature line (or a whole file) that was skipped because smtpgw does not support it. Skipping is not fatal:
 * feeds contain signature types the built-in engine does not implement.
 *
 * @param file    the signature file
 * @param line    the 1-based line number, or 0 when the whole file was skipped
 * @param message what was not supported
 */
public record ParseWarning(Path file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file.getFileName() + ":" + line + ": " + message : file.getFileName() + ": " + message;
    }
}
