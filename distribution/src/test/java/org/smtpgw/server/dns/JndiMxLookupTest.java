package org.smtpgw.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpgw.conf.james.JndiMxLookup;
import org.smtpgw.it.dns.FakeDnsServer;
import org.xbill.DNS.Type;

/**
 * The MX hosts of a {@code ForwardRoute=MASK [domain]} route are looked up, when the configuration is generated,
 * through the {@code DnsServers} of smtpgw.conf, like the running gateway's lookups.
 */
class JndiMxLookupTest {
    private FakeDnsServer dns;

    @BeforeEach
    void startDns() throws Exception {
        dns = FakeDnsServer.start()
            .mx("routed.test", 20, "backup.routed.test")
            .mx("routed.test", 10, "primary.routed.test");
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void mxHostsShouldComeFromTheConfiguredDnsServerInPreferenceOrder() {
        List<String> hosts = new JndiMxLookup(List.of(dns.address())).mxHosts("routed.test");

        assertThat(hosts).containsExactly("primary.routed.test", "backup.routed.test");
        assertThat(dns.queries("routed.test", Type.MX)).isPositive();
    }

    @Test
    void domainWithoutMxShouldGiveNoHosts() {
        assertThat(new JndiMxLookup(List.of(dns.address())).mxHosts("nothing.test")).isEmpty();
    }
}
