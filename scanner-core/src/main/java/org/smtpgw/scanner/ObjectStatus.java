package org.smtpgw.scanner;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The status of one scanned object, as the manual (section 5.2.2) names them.
 *
 * <p>The order is the order of severity used when one status must stand for several (for example the
 * top-level part that carries an archive takes the most severe status of its entries).
 */
public enum ObjectStatus {
    /** Scanned, nothing found. */
    CLEAN,
    /** Filtered out by name or MIME type: not scanned. */
    FILTERED,
    /** A virus was found and removed; the object's content was replaced by the cured one. */
    DISINFECTED,
    /** Password-protected or encrypted: could not be scanned. */
    PROTECTED,
    /** Could not be unpacked or scanned (corrupt, over a limit, timeout). */
    ERROR,
    /** Looks like an unknown virus (heuristics, modified signatures). */
    SUSPICIOUS,
    /** A virus was found and the object was not (or could not be) cured. */
    INFECTED;

    /** The lower-case name used in smtpgw.conf, logs and templates. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a lower- or upper-case status name; empty when the name is not a status. */
    public static Optional<ObjectStatus> parse(String name) {
        return Arrays.stream(values())
            .filter(status -> status.name().equalsIgnoreCase(name.trim()))
            .findFirst();
    }

    /** The more severe of the two. */
    public ObjectStatus worst(ObjectStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
