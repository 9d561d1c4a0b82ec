package org.smtpgw.matchers.mask;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An envelope address mask of a sender/recipient group ({@code Senders}, {@code Recipients}): an address in which
 * {@code *} stands for any sequence of characters (also none) and {@code ?} for exactly one, matched
 * case-insensitively against the whole address ({@code local@domain}). {@code *@example.com} matches every address
 * of that domain, {@code john.*@*} every address whose local part starts with {@code john.}.
 *
 * <p>The null sender {@code <>} (bounces, notifications) has no address: it is matched as the text {@code <>}, so a
 * mask {@code <>} selects it. The catch-all masks {@code *} and {@code *@*} (the manual's default) match it as
 * well, because "every sender" must include bounces.
 */
public final class MailAddressMask {
    public static final String NULL_SENDER = "<>";

    // Characters an RFC 5321 address may carry (without quoting) plus the wildcards and the null sender's brackets.
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9.!#$%&'+/=^_`{|}~\\-@*?\\[\\]:<>]+");

    private final String text;
    private final Pattern pattern;
    private final boolean catchAll;

    private MailAddressMask(String text, Pattern pattern, boolean catchAll) {
        this.text = text;
        this.pattern = pattern;
        this.catchAll = catchAll;
    }

    /**
     * @throws InvalidMaskException for an empty mask or one with spaces, commas, semicolons or other characters no
     *                              address contains
     */
    public static MailAddressMask parse(String text) throws InvalidMaskException {
        if (text == null || text.isBlank()) {
            throw new InvalidMaskException("empty address mask: expected an address with optional * and ? wildcards,"
                + " such as *@example.com, or <> for the null sender");
        }
        String trimmed = text.trim();
        if (!ALLOWED.matcher(trimmed).matches()) {
            throw new InvalidMaskException("invalid address mask '" + trimmed + "': expected an address with optional"
                + " * and ? wildcards, such as *@example.com, or <> for the null sender");
        }
        String folded = trimmed.toLowerCase(Locale.ROOT);
        boolean catchAll = folded.equals("*") || folded.equals("*@*");
        return new MailAddressMask(trimmed, Pattern.compile(toRegex(folded)), catchAll);
    }

    /** Whether the address ({@code local@domain}, any case) matches. */
    public boolean matches(String address) {
        Objects.requireNonNull(address, "address");
        return catchAll || pattern.matcher(address.toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether the null sender matches: masks matching the text {@code <>}, and the catch-all masks. */
    public boolean matchesNullSender() {
        return catchAll || pattern.matcher(NULL_SENDER).matches();
    }

    private static String toRegex(String mask) {
        StringBuilder regex = new StringBuilder();
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

    @Override
    public boolean equals(Object o) {
        return o instanceof MailAddressMask other && text.equalsIgnoreCase(other.text);
    }

    @Override
    public int hashCode() {
        return text.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
