package org.smtpgw.conf.ini;

import java.util.List;

/**
 * A parsed file: its sections in file order, and the lines that were neither a section header, an entry,
 * a comment nor blank.
 */
public record RawFile(String file, List<RawSection> sections, List<SyntaxError> syntaxErrors) {

    public RawFile {
        sections = List.copyOf(sections);
        syntaxErrors = List.copyOf(syntaxErrors);
    }

    /** A line the reader could not understand. */
    public record SyntaxError(int line, String text, String message) {
    }
}
