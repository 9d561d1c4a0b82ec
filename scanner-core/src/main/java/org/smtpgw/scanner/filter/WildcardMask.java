package org.smtpgw.scanner.filter;

import java.util.Locale;
import java.util.Objects;

/**
 * A mask of the configuration file: {@code *} stands for any run of characters (also none), {@code ?} for exactly
 * one character; everything else matches itself, ignoring case. {@code *.exe} matches {@code Setup.EXE};
 * {@code application/*} matches every application type.
 */
public final class WildcardMask {
    private final String mask;
    private final String folded;

    private WildcardMask(String mask) {
        this.mask = mask;
        this.folded = mask.toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an empty or blank mask */
    public static WildcardMask of(String mask) {
        Objects.requireNonNull(mask, "mask");
        if (mask.isBlank()) {
            throw new IllegalArgumentException("a mask must not be empty; use * to match everything");
        }
        return new WildcardMask(mask.trim());
    }

    public boolean matches(String value) {
        return matches(folded, value.toLowerCase(Locale.ROOT));
    }

    // Iterative glob matching with one backtrack point: linear in practice, never exponential on masks like *a*a*a*.
    private static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int afterStar = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                afterStar = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++afterStar;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WildcardMask that && folded.equals(that.folded);
    }

    @Override
    public int hashCode() {
        return folded.hashCode();
    }

    @Override
    public String toString() {
        return mask;
    }
}
