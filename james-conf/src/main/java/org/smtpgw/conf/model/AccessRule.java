package org.smtpgw.conf.model;

/**
 * One {@code Rule} of {@code [smtpgw.access]}, normalised.
 *
 * @param allow      allow or deny
 * @param clientMask x.x.x.x, x.x.x.x/y.y.y.y, x.x.x.x/n or any
 * @param domainMask recipient domain mask with * and ?, or any
 */
public record AccessRule(boolean allow, String clientMask, String domainMask) {

    /** The rule as the AccessRulesHook reads it: {@code allow from 127.0.0.1 to *}. */
    public String text() {
        return (allow ? "allow" : "deny") + " from " + clientMask + " to " + domainMask;
    }
}
