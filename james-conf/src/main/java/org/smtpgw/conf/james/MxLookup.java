package org.smtpgw.conf.james;

import java.util.List;

/**
 * Finds the MX hosts of a domain, best preference first. Needed because James' RemoteDelivery resolves a
 * {@code gateway} by its A record only, so a route to "the MX of domain X" is turned into a gateway list of X's
 * MX hosts when the configuration is generated (at each start and reload).
 */
@FunctionalInterface
public interface MxLookup {

    /** @return the MX host names in preference order; empty when the domain has none or DNS cannot tell */
    List<String> mxHosts(String domain);

    /** No lookup: every MX route falls back to the domain's own address (RFC 5321 implicit MX). */
    MxLookup NONE = domain -> List.of();
}
