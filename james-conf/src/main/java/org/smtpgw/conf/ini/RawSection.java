package org.smtpgw.conf.ini;

import java.util.List;

/**
 * A {@code [name]} header and the entries that follow it up to the next header.
 * A section header that appears twice in a file gives two {@code RawSection}s; merging is the validator's job.
 *
 * @param name    the name between the brackets, trimmed, spelled as in the file
 * @param line    line of the header (0 for the entries before any header)
 * @param entries entries in file order
 */
public record RawSection(String file, String name, int line, List<RawEntry> entries) {

    public RawSection {
        entries = List.copyOf(entries);
    }
}
