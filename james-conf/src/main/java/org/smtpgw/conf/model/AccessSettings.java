package org.smtpgw.conf.model;

import java.util.List;

/** {@code [smtpgw.access]}. */
public record AccessSettings(boolean denyUnresolvedConnect, boolean denyUnresolvedMailFrom, List<AccessRule> rules) {

    public AccessSettings {
        rules = List.copyOf(rules);
    }
}
