package org.smtpgw.conf.model;

import java.util.List;

/** {@code [smtpgw.network]} (ForwardRoute lines written there are in {@code GatewayConfig.routes()}). */
public record NetworkSettings(List<HostPort> listenOn, String hostname, String postmaster,
                              List<String> protectedDomains, List<String> dnsServers) {

    public NetworkSettings {
        listenOn = List.copyOf(listenOn);
        protectedDomains = List.copyOf(protectedDomains);
        dnsServers = List.copyOf(dnsServers);
    }
}
