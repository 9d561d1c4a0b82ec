package org.smtpgw.server.dns;

import org.apache.james.dnsservice.dnsjava.DNSJavaService;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Puts {@link GatewayDnsService} in place of James' {@code DNSJavaService}. An override module: James'
 * {@code DNSServiceModule} binds {@code DNSJavaService} itself, and its initialization (configure from
 * {@code dnsservice.xml}, then init) then runs on our service.
 */
public class GatewayDnsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(GatewayDnsService.class).in(Scopes.SINGLETON);
        bind(DNSJavaService.class).to(GatewayDnsService.class);
    }
}
