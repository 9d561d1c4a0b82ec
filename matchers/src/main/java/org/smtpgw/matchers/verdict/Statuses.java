package org.smtpgw.matchers.verdict;

import java.util.EnumSet;
import java.util.Set;

import org.smtpgw.scanner.ObjectStatus;

/**
 * Parses the manual's {@code STATUSES} values ({@code BlockMessage}, {@code QuarantineStatus}, {@code NotifyAdmin},
 * ...): a comma-separated list of {@code infected}, {@code disinfected}, {@code suspicious}, {@code protected},
 * {@code error}, {@code filtered} (any case), or {@code all} for all of these. {@code clean} is accepted too, for
 * hand-written configurations. Empty means none where the caller allows it.
 */
public final class Statuses {
    public static final String ALL = "all";
    public static final String ALLOWED = "a comma-separated list of infected, disinfected, suspicious, protected, error,"
        + " filtered, clean, or all (every status but clean)";

    private Statuses() {
    }

    /**
     * @throws IllegalArgumentException naming the bad item and what is allowed
     */
    public static Set<ObjectStatus> parse(String text, boolean emptyAllowed) {
        String value = text == null ? "" : text.trim();
        EnumSet<ObjectStatus> statuses = EnumSet.noneOf(ObjectStatus.class);
        if (value.isEmpty()) {
            if (emptyAllowed) {
                return Set.of();
            }
            throw new IllegalArgumentException("no status given; expected " + ALLOWED);
        }
        for (String item : value.split(",", -1)) {
            if (item.trim().equalsIgnoreCase(ALL)) {
                statuses.addAll(EnumSet.complementOf(EnumSet.of(ObjectStatus.CLEAN)));
                continue;
            }
            statuses.add(ObjectStatus.parse(item).orElseThrow(() -> new IllegalArgumentException(
                "unknown status '" + item.trim() + "'; expected " + ALLOWED)));
        }
        return Set.copyOf(statuses);
    }

    /** Whether any of {@code found} is in {@code wanted}. */
    public static boolean anyOf(Set<ObjectStatus> found, Set<ObjectStatus> wanted) {
        return found.stream().anyMatch(wanted::contains);
    }
}
