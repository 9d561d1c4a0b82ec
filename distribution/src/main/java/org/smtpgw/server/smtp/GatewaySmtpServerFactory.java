package org.smtpgw.server.smtp;

import javax.inject.Inject;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.smtpgw.mailets.stats.GatewayStatistics;

/** Creates {@link GatewaySmtpServer}s instead of James' plain SMTP servers. */
public class GatewaySmtpServerFactory extends SMTPServerFactory {
    private final GatewayStatistics statistics;

    @Inject
    public GatewaySmtpServerFactory(DNSService dns, ProtocolHandlerLoader loader, FileSystem fileSystem,
                                    MetricFactory metricFactory, GatewayStatistics statistics) {
        super(dns, loader, fileSystem, metricFactory);
        this.statistics = statistics;
    }

    @Override
    protected SMTPServer createServer() {
        return new GatewaySmtpServer(smtpMetrics, statistics);
    }
}
