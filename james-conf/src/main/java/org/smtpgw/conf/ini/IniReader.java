package org.smtpgw.conf.ini;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the manual's {@code smtpgw.conf} format into sections and entries, keeping the line of every entry.
 *
 * <p>Written by hand rather than with commons-configuration2's {@code INIConfiguration} because that class does
 * not record line numbers (every problem we report must name its line), folds repeated keys into one list
 * without keeping where each came from, merges repeated sections silently, and treats {@code ;} and {@code #}
 * after a value as an inline comment, which would cut values such as a proxy password. The format is small:
 * <ul>
 *   <li>{@code [section]} headers; names are kept as written (the validator compares them case-insensitively);</li>
 *   <li>{@code key=value} entries; whitespace around key and value is trimmed; the value may be empty;
 *       a key may repeat ({@code ListenOn}, {@code Rule}, {@code ForwardRoute});</li>
 *   <li>lines whose first non-blank character is {@code #} or {@code ;} are comments; there are no inline
 *       comments, so these characters may appear inside values;</li>
 *   <li>blank lines are ignored; there is no line continuation.</li>
 * </ul>
 */
public final class IniReader {

    private IniReader() {
    }

    /**
     * @param file  the name to put in messages (e.g. {@code conf/smtpgw.conf})
     * @param lines the file content split into lines
     */
    public static RawFile read(String file, List<String> lines) {
        List<RawSection> sections = new ArrayList<>();
        List<RawFile.SyntaxError> errors = new ArrayList<>();
        String sectionName = null;
        int sectionLine = 0;
        List<RawEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = lines.get(i);
            if (i == 0 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7F)) {
                // Values end up in generated XML and in SMTP replies, where control characters do harm.
                errors.add(new RawFile.SyntaxError(lineNo, trimmed.replaceAll("\\p{Cntrl}", "?"),
                    "contains a control character"));
                continue;
            }
            if (trimmed.startsWith("[")) {
                if (!trimmed.endsWith("]") || trimmed.length() < 3) {
                    errors.add(new RawFile.SyntaxError(lineNo, trimmed,
                        "a section header must look like [name]"));
                    continue;
                }
                if (sectionName != null || !entries.isEmpty()) {
                    sections.add(new RawSection(file, sectionName, sectionLine, entries));
                }
                sectionName = trimmed.substring(1, trimmed.length() - 1).strip();
                sectionLine = lineNo;
                entries = new ArrayList<>();
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                errors.add(new RawFile.SyntaxError(lineNo, trimmed, eq == 0
                    ? "an entry must have a key before '='"
                    : "expected key=value, [section], a comment (# or ;) or a blank line"));
                continue;
            }
            entries.add(new RawEntry(file, lineNo, trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip()));
        }
        if (sectionName != null || !entries.isEmpty()) {
            sections.add(new RawSection(file, sectionName, sectionLine, entries));
        }
        return new RawFile(file, sections, errors);
    }
}
