package org.smtpgw.mailets.smtp.access;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

import org.smtpgw.matchers.mask.AddressMask;
import org.smtpgw.matchers.mask.DomainMask;
import org.smtpgw.matchers.mask.InvalidMaskException;

/**
 * One relay access rule, {@code allow|deny from ADDRESS_OR_MASK to DOMAIN_MASK}: whether a client whose address
 * lies in the address mask may send to recipients whose domain matches the domain mask. Keywords are
 * case-insensitive; the address forms are those of {@link AddressMask}, the domain masks those of
 * {@link DomainMask}.
 */
public record AccessRule(Verdict verdict, AddressMask clients, DomainMask domains) {
    public static final String SYNTAX = "allow|deny from ADDRESS_OR_MASK to DOMAIN_MASK";

    public enum Verdict { ALLOW, DENY }

    public AccessRule {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(domains, "domains");
    }

    /**
     * Parses a rule.
     *
     * @throws InvalidRuleException naming the rule text and what is wrong with it
     */
    public static AccessRule parse(String text) throws InvalidRuleException {
        String rule = text == null ? "" : text.trim();
        String[] words = rule.split("\\s+");
        if (words.length != 5 || !words[1].equalsIgnoreCase("from") || !words[3].equalsIgnoreCase("to")) {
            throw new InvalidRuleException("invalid rule '" + rule + "': expected '" + SYNTAX + "'");
        }
        Verdict verdict = switch (words[0].toLowerCase(Locale.ROOT)) {
            case "allow" -> Verdict.ALLOW;
            case "deny" -> Verdict.DENY;
            default -> throw new InvalidRuleException("invalid rule '" + rule + "': '" + words[0]
                + "' is neither allow nor deny; expected '" + SYNTAX + "'");
        };
        try {
            return new AccessRule(verdict, AddressMask.parse(words[2]), DomainMask.parse(words[4]));
        } catch (InvalidMaskException e) {
            throw new InvalidRuleException("invalid rule '" + rule + "': " + e.getMessage());
        }
    }

    /** Whether this rule speaks about this client and recipient domain. */
    public boolean appliesTo(InetAddress client, String recipientDomain) {
        return clients.matches(client) && domains.matches(recipientDomain);
    }

    @Override
    public String toString() {
        return verdict.name().toLowerCase(Locale.ROOT) + " from " + clients + " to " + domains;
    }
}
