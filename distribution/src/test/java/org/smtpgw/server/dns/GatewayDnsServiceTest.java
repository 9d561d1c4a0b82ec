package org.smtpgw.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpgw.it.dns.FakeDnsServer;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.xbill.DNS.Type;

class GatewayDnsServiceTest {
    private FakeDnsServer dns;
    private final GatewayStatistics statistics = new GatewayStatistics();

    @BeforeEach
    void startDns() throws Exception {
        dns = FakeDnsServer.start()
            .mx("example.test", 10, "mx.example.test")
            .a("mx.example.test", "127.0.0.5")
            .ptr("127.0.0.2", "client.example.test");
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private GatewayDnsService service(int maxCacheSeconds) throws Exception {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("servers.server", dns.address());
        conf.addProperty("autodiscover", false);
        conf.addProperty("authoritative", false);
        conf.addProperty("negativeCacheTTL", 600);
        conf.addProperty("maxCacheSeconds", maxCacheSeconds);
        GatewayDnsService service = new GatewayDnsService(new RecordingMetricFactory(), statistics);
        service.configure(conf);
        service.init();
        return service;
    }

    @Test
    void findMXRecordsShouldAskTheServerOnItsPort() throws Exception {
        GatewayDnsService service = service(600);

        assertThat(service.findMXRecords("example.test")).containsExactly("mx.example.test.");
        assertThat(dns.queries("example.test", Type.MX)).isEqualTo(1);
    }

    @Test
    void getHostNameShouldReturnThePtrNameOrTheAddressWithoutPtr() throws Exception {
        GatewayDnsService service = service(600);

        assertThat(service.getHostName(InetAddress.getByName("127.0.0.2"))).isEqualTo("client.example.test.");
        assertThat(service.getHostName(InetAddress.getByName("127.0.0.3"))).isEqualTo("127.0.0.3");
    }

    @Test
    void secondLookupInsideTheCachePeriodShouldNotReachTheServer() throws Exception {
        GatewayDnsService service = service(600);

        service.findMXRecords("example.test");
        service.findMXRecords("example.test");

        assertThat(dns.queries("example.test", Type.MX)).isEqualTo(1);
    }

    @Test
    void lookupAfterTheCachePeriodShouldReachTheServerAgainDespiteALongerTtl() throws Exception {
        GatewayDnsService service = service(1);

        service.findMXRecords("example.test");
        // dnsjava keeps expiry times in whole seconds: more than 2 s is surely past a 1 s period
        Thread.sleep(2200);
        service.findMXRecords("example.test");

        assertThat(dns.queries("example.test", Type.MX)).isEqualTo(2);
    }

    @Test
    void noSuchNameShouldNotBeCountedAsFailure() throws Exception {
        GatewayDnsService service = service(600);

        assertThatThrownBy(() -> service.getByName("nothing.test")).isInstanceOf(UnknownHostException.class);

        assertThat(dns.queries("nothing.test", Type.A)).isPositive();
        assertThat(statistics.get(Counter.DNS_QUERIES_TOTAL)).isPositive();
        assertThat(statistics.get(Counter.DNS_QUERIES_FAILED)).isZero();
    }

    @Test
    void noSuchNameShouldBeAnsweredFromTheCacheTheSecondTime() throws Exception {
        GatewayDnsService service = service(600);

        service.getHostName(InetAddress.getByName("127.0.0.3"));
        service.getHostName(InetAddress.getByName("127.0.0.3"));

        assertThat(dns.queries(FakeDnsServer.reverseName("127.0.0.3"), Type.PTR)).isEqualTo(1);
    }

    @Test
    void lookupWithoutAnsweringServerShouldBeCountedAsFailed() throws Exception {
        GatewayDnsService service = service(600);
        dns.close();

        assertThat(service.getHostName(InetAddress.getByName("127.0.0.2"))).isEqualTo("127.0.0.2");

        assertThat(statistics.get(Counter.DNS_QUERIES_FAILED)).isEqualTo(1);
    }

    @Test
    void lookupsShouldBeCountedInTheStatistics() throws Exception {
        GatewayDnsService service = service(600);

        service.findMXRecords("example.test");
        service.findMXRecords("example.test");
        service.getHostName(InetAddress.getByName("127.0.0.3"));

        assertThat(statistics.get(Counter.DNS_QUERIES_TOTAL)).isEqualTo(3);
        assertThat(statistics.get(Counter.DNS_QUERIES_THROUGH_CACHE)).isEqualTo(1);
        assertThat(statistics.get(Counter.DNS_QUERIES_FAILED)).isZero();
    }

    @Test
    void serverWithABadPortShouldBeRefusedNamingTheEntry() {
        assertThatThrownBy(() -> GatewayDnsService.parseServer("127.0.0.1:99999"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("127.0.0.1:99999")
            .hasMessageContaining("1 to 65535");
    }

    @Test
    void serverWithoutPortShouldUsePort53() throws Exception {
        assertThat(GatewayDnsService.parseServer("127.0.0.1").getPort()).isEqualTo(53);
    }
}
