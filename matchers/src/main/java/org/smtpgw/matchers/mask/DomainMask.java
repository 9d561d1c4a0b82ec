package org.smtpgw.matchers.mask;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A mail domain mask as the gateway configuration writes it: a domain name in which {@code *} stands for any
 * sequence of characters (also empty, also across dots) and {@code ?} for exactly one character, or the word
 * {@code any} for every domain.
 *
 * <p>Matching is case-insensitive and ignores one trailing dot on either side. The mask must match the whole
 * domain: {@code example.com} does not match {@code mail.example.com}; write {@code *.example.com} for the
 * subdomains only, or {@code *example.com} for the domain and its subdomains (it also matches
 * {@code badexample.com}).
 */
public final class DomainMask {
    public static final String ANY = "any";

    // Characters a host name or a mask may contain besides the wildcards; anything else is a typo we reject.
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9.\\-_*?]+");

    private final String text;
    private final Pattern pattern;

    private DomainMask(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * Parses a mask.
     *
     * @throws InvalidMaskException if the text is empty or contains characters other than letters, digits,
     *                              {@code . - _ * ?}
     */
    public static DomainMask parse(String text) throws InvalidMaskException {
        if (text == null || text.isBlank()) {
            throw new InvalidMaskException("empty domain mask: expected a domain name with optional * and ? wildcards, or 'any'");
        }
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase(ANY)) {
            return new DomainMask(ANY, null);
        }
        if (!ALLOWED.matcher(trimmed).matches()) {
            throw new InvalidMaskException("invalid domain mask '" + trimmed
                + "': expected a domain name made of letters, digits, '.', '-', '_' with optional * and ? wildcards, or 'any'");
        }
        String normalized = stripTrailingDot(trimmed.toLowerCase(Locale.ROOT));
        if (normalized.isEmpty()) {
            throw new InvalidMaskException("invalid domain mask '" + trimmed + "': expected a domain name, not only a dot");
        }
        return new DomainMask(normalized, Pattern.compile(toRegex(normalized)));
    }

    /** Whether {@code domain} (a domain name, any case, optional trailing dot) matches this mask. */
    public boolean matches(String domain) {
        Objects.requireNonNull(domain, "domain");
        if (pattern == null) {
            return true;
        }
        return pattern.matcher(stripTrailingDot(domain.toLowerCase(Locale.ROOT))).matches();
    }

    public boolean isAny() {
        return pattern == null;
    }

    private static String toRegex(String mask) {
        StringBuilder regex = new StringBuilder(mask.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (char c : mask.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    private static String stripTrailingDot(String domain) {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainMask other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The mask as it would be written in a configuration (lower case, {@code any} for the catch-all). */
    @Override
    public String toString() {
        return text;
    }
}
