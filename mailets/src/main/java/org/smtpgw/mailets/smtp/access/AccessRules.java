package org.smtpgw.mailets.smtp.access;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * An ordered list of access rules. The first rule that applies to the (client address, recipient domain) pair
 * decides; when none applies the answer is deny, so that the gateway is never an open relay by omission.
 */
public record AccessRules(List<AccessRule> rules) {

    public AccessRules {
        rules = List.copyOf(rules);
    }

    /** The rule that decides for this pair, if any. */
    public Optional<AccessRule> decidingRule(InetAddress client, String recipientDomain) {
        return rules.stream()
            .filter(rule -> rule.appliesTo(client, recipientDomain))
            .findFirst();
    }

    public boolean allows(InetAddress client, String recipientDomain) {
        return decidingRule(client, recipientDomain)
            .map(rule -> rule.verdict() == AccessRule.Verdict.ALLOW)
            .orElse(false);
    }
}
