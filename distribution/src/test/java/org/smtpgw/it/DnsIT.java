package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.it.dns.FakeDnsServer;
import org.xbill.DNS.Type;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code DenyUnresolvedConnect} and {@code DenyUnresolvedMailfrom} against a DNS server on a loopback port
 * ({@code DnsServers=127.0.0.1:port}): the packaged gateway asks it, refuses what it cannot resolve with the
 * documented replies, and does not ask again for a name it found unresolved within
 * {@code UnresolvedCacheRefreshPeriod}.
 */
class DnsIT {
    @TempDir
    static Path dir;
    static FakeDnsServer dns;
    static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        dns = FakeDnsServer.start()
            .ptr("127.0.0.2", "client.example.test")
            .ptr("127.0.0.5", "cached.example.test")
            .ptr("127.0.0.6", "refreshed.example.test")
            .mx("example.test", 10, "mx.example.test")
            .a("mx.example.test", "127.0.0.9")
            .a("a-only.test", "127.0.0.8");
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.network", "DnsServers", dns.address())
            .set("smtpgw.access", "DenyUnresolvedConnect", "true")
            .set("smtpgw.access", "DenyUnresolvedMailfrom", "true")
            .set("smtpgw.timeouts", "UnresolvedCacheRefreshPeriod", "600")
            .set("smtpgw.timeouts", "MXCacheRefreshPeriod", "60"));
        gateway.startForeground();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void clientWithoutPtrShouldBeRefusedAtEhloAndNotLookedUpAgain() throws Exception {
        String reverse = FakeDnsServer.reverseName("127.0.0.3");

        assertThat(ehloFrom("127.0.0.3").code()).isEqualTo(554);
        assertThat(dns.queries(reverse, Type.PTR)).as("PTR questions for 127.0.0.3 after one refusal").isEqualTo(1);

        SmtpClient.Reply again = ehloFrom("127.0.0.3");
        assertThat(again.code()).isEqualTo(554);
        assertThat(again.text()).contains("5.7.1", "127.0.0.3");
        assertThat(dns.queries(reverse, Type.PTR)).as("PTR questions for 127.0.0.3 after two refusals").isEqualTo(1);
    }

    @Test
    void refusedClientShouldBeDisconnected() throws Exception {
        try (SmtpClient client = SmtpClient.connect(InetAddress.getByName("127.0.0.4"), gateway.smtpPort())) {
            assertThat(client.command("EHLO client.test").code()).isEqualTo(554);
            assertThat(closedByServer(client)).isTrue();
        }
    }

    @Test
    void clientWithPtrShouldBeServed() throws Exception {
        assertThat(ehloFrom("127.0.0.2").code()).isEqualTo(250);
        assertThat(dns.queries(FakeDnsServer.reverseName("127.0.0.2"), Type.PTR)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void senderDomainWithoutMxOrAShouldBeRefusedAndNotLookedUpAgain() throws Exception {
        try (SmtpClient client = SmtpClient.connect(InetAddress.getByName("127.0.0.2"), gateway.smtpPort())) {
            assertThat(client.command("EHLO client.example.test").code()).isEqualTo(250);

            SmtpClient.Reply refused = client.command("MAIL FROM:<someone@nowhere.test>");
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.text()).contains("5.1.8", "nowhere.test");
            long asked = dns.queriesFor("nowhere.test").size();
            assertThat(asked).as("questions for nowhere.test").isGreaterThanOrEqualTo(1);

            assertThat(client.command("MAIL FROM:<other@nowhere.test>").code()).isEqualTo(550);
            assertThat(dns.queriesFor("nowhere.test")).as("questions for nowhere.test after a second refusal")
                .hasSize((int) asked);
        }
    }

    @Test
    void senderDomainWithMxShouldBeAccepted() throws Exception {
        try (SmtpClient client = SmtpClient.connect(InetAddress.getByName("127.0.0.2"), gateway.smtpPort())) {
            assertThat(client.command("EHLO client.example.test").code()).isEqualTo(250);

            assertThat(client.command("MAIL FROM:<someone@example.test>").code()).isEqualTo(250);
            assertThat(dns.queries("example.test", Type.MX)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void senderDomainWithOnlyAnARecordShouldBeAccepted() throws Exception {
        try (SmtpClient client = SmtpClient.connect(InetAddress.getByName("127.0.0.2"), gateway.smtpPort())) {
            assertThat(client.command("EHLO client.example.test").code()).isEqualTo(250);

            assertThat(client.command("MAIL FROM:<someone@a-only.test>").code()).isEqualTo(250);
            assertThat(dns.queries("a-only.test", Type.A)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void resolvedClientConnectingAgainShouldBeAnsweredFromTheDnsCacheAndCounted() throws Exception {
        Map<String, Long> before = statistics();

        assertThat(ehloFrom("127.0.0.5").code()).isEqualTo(250);
        assertThat(ehloFrom("127.0.0.5").code()).isEqualTo(250);

        assertThat(dns.queries(FakeDnsServer.reverseName("127.0.0.5"), Type.PTR)).isEqualTo(1);
        Map<String, Long> after = statistics();
        assertThat(after.get("mta_dns_queries_total") - before.get("mta_dns_queries_total"))
            .as("lookups counted").isGreaterThanOrEqualTo(2);
        assertThat(after.get("mta_dns_queries_through_cache") - before.get("mta_dns_queries_through_cache"))
            .as("lookups answered from the cache").isGreaterThanOrEqualTo(1);
    }

    // The fake's answers have a TTL of an hour: only MXCacheRefreshPeriod (60 s, its smallest value) can end their
    // stay in the cache. The wait is the only way to see it through the packaged gateway.
    @Test
    void answerShouldBeAskedForAgainAfterMxCacheRefreshPeriodDespiteALongerTtl() throws Exception {
        String reverse = FakeDnsServer.reverseName("127.0.0.6");
        assertThat(ehloFrom("127.0.0.6").code()).isEqualTo(250);
        assertThat(ehloFrom("127.0.0.6").code()).isEqualTo(250);
        assertThat(dns.queries(reverse, Type.PTR)).as("PTR questions within the period").isEqualTo(1);

        Thread.sleep(62_000);

        assertThat(ehloFrom("127.0.0.6").code()).isEqualTo(250);
        assertThat(dns.queries(reverse, Type.PTR)).as("PTR questions after the period").isEqualTo(2);
    }

    private static Map<String, Long> statistics() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.webAdminPort() + "/smtpgw/statistics")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readValue(response.body(), new TypeReference<Map<String, Long>>() { });
    }

    private static SmtpClient.Reply ehloFrom(String address) throws IOException {
        try (SmtpClient client = SmtpClient.connect(InetAddress.getByName(address), gateway.smtpPort())) {
            assertThat(client.greeting().code()).isEqualTo(220);
            return client.command("EHLO client.test");
        }
    }

    private static boolean closedByServer(SmtpClient client) {
        try {
            client.command("NOOP");
            return false;
        } catch (IOException closed) {
            return true;
        }
    }
}
