package org.smtpgw.conf.model;

import java.util.OptionalInt;

/**
 * One {@code ForwardRoute}: recipients whose domain matches {@code domainMask} go to {@code host}.
 *
 * @param number     1-based position in the routing table (names the route's outgoing queue)
 * @param domainMask recipient domain mask (* and ?), or any
 * @param host       IP address, host name, or (when {@code viaMx}) the domain whose MX receives the mail
 * @param port       explicit port, if given
 * @param viaMx      true when the target is a domain name without port: deliver to that domain's MX hosts
 */
public record ForwardRoute(int number, String domainMask, String host, OptionalInt port, boolean viaMx) {

    public int portOrDefault() {
        return port.orElse(25);
    }

    /** The target as written in the file, e.g. {@code [localhost:1025]}. */
    public String target() {
        return "[" + host + (port.isPresent() ? ":" + port.getAsInt() : "") + "]";
    }
}
