package org.smtpgw.scanner.db;

/**
 * Where a body signature may start, from the offset field of an {@code .ndb} line: {@code *} (anywhere),
 * {@code n} (exactly at n), {@code n,m} (from n to n+m), {@code EOF-n} and {@code EOF-n,m} (counted from the end).
 *
 * @param fromEnd whether {@code start} counts back from the end of the object
 * @param start   the first allowed start position (or distance from the end), -1 for anywhere
 * @param range   how many positions after {@code start} are also allowed
 */
public record BodyOffset(boolean fromEnd, long start, long range) {
    public static final BodyOffset ANY = new BodyOffset(false, -1, 0);

    /** Whether a match starting at {@code position} in an object of {@code length} bytes is allowed. */
    public boolean allows(int position, int length) {
        if (start < 0) {
            return true;
        }
        if (fromEnd && start > length) {
            return false;
        }
        long first = fromEnd ? length - start : start;
        return position >= first && position <= first + range;
    }

    /**
     * Parses an offset field.
     *
     * @throws IllegalArgumentException with a message saying what is supported
     */
    public static BodyOffset parse(String field) {
        if (field.equals("*")) {
            return ANY;
        }
        boolean fromEnd = field.startsWith("EOF-");
        String rest = fromEnd ? field.substring(4) : field;
        String[] parts = rest.split(",", -1);
        if (parts.length > 2 || !isNumber(parts[0]) || (parts.length == 2 && !isNumber(parts[1]))) {
            throw new IllegalArgumentException("offset '" + field
                + "' is not supported: allowed are *, n, n,m, EOF-n and EOF-n,m (EP, S, SE and VI offsets are not)");
        }
        return new BodyOffset(fromEnd, Long.parseLong(parts[0]), parts.length == 2 ? Long.parseLong(parts[1]) : 0);
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
