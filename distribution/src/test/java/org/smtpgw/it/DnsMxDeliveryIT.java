package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.it.dns.FakeDnsServer;
import org.xbill.DNS.Type;

/**
 * Mail for a domain without ForwardRoute goes to the MX host the DNS names, looked up at send time through
 * {@code DnsServers}, and the MX answer is reused from the DNS cache within {@code MXCacheRefreshPeriod}.
 *
 * <p>James' RemoteDelivery always connects to port 25 of an MX host (a DNS MX record has no port), so the
 * downstream sink listens on 127.0.0.1:25. Where the test may not bind a port below 1024 (not root and
 * {@code net.ipv4.ip_unprivileged_port_start} above 25) it is skipped, saying why.
 */
class DnsMxDeliveryIT {
    private static final int SMTP_PORT = 25;

    @TempDir
    static Path dir;
    static FakeDnsServer dns;
    static SmtpSink sink;
    static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        sink = new SmtpSink(SMTP_PORT);
        try {
            sink.start();
        } catch (RuntimeException e) {
            Assumptions.abort("cannot listen on 127.0.0.1:25 (needs root or net.ipv4.ip_unprivileged_port_start<=25),"
                + " which James' MX delivery always uses: " + e.getMessage());
        }
        dns = FakeDnsServer.start()
            .mx("mx-routed.test", 10, "mx.mx-routed.test")
            .a("mx.mx-routed.test", "127.0.0.1");
        gateway = Gateway.install(dir);
        gateway.configure(conf -> conf
            .set("smtpgw.network", "DnsServers", dns.address())
            .set("smtpgw.timeouts", "MXCacheRefreshPeriod", "1200"));
        gateway.startForeground();
    }

    @AfterAll
    static void stopAll() throws Exception {
        Closeables.closeAll(gateway, dns, sink);
    }

    @Test
    void mailWithoutForwardRouteShouldReachTheMxHostTheDnsNamesAndReuseTheCachedMxAnswer() throws Exception {
        send("first@mx-routed.test", "first");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(sink.receivedFor("first@mx-routed.test")).hasSize(1));
        long mxQuestions = dns.queries("mx-routed.test", Type.MX);
        assertThat(mxQuestions).as("MX questions for the first mail").isGreaterThanOrEqualTo(1);

        send("second@mx-routed.test", "second");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(sink.receivedFor("second@mx-routed.test")).hasSize(1));
        assertThat(dns.queries("mx-routed.test", Type.MX))
            .as("MX questions after a second mail within MXCacheRefreshPeriod").isEqualTo(mxQuestions);
    }

    private static void send(String recipient, String subject) throws Exception {
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            client.command("EHLO client.test");
            SmtpClient.Reply reply = client.send("alice@client.test", List.of(recipient),
                SmtpClient.message("alice@client.test", recipient, subject, "via MX"));
            assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        }
    }
}
