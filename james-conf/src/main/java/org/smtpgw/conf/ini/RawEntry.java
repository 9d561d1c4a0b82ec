package org.smtpgw.conf.ini;

/**
 * One {@code key=value} line as written in the file, before any interpretation.
 *
 * @param file  the file name used in messages (as given to the reader)
 * @param line  1-based line number
 * @param key   the key, trimmed, spelled as in the file
 * @param value the value, trimmed (may be empty)
 */
public record RawEntry(String file, int line, String key, String value) {
}
