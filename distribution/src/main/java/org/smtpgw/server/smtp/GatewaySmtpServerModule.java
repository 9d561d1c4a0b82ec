package org.smtpgw.server.smtp;

import org.apache.james.smtpserver.netty.SMTPServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Overrides James' {@code SMTPServerModule} binding of {@link SMTPServerFactory} so that the server is a
 * {@link GatewaySmtpServer}: {@code Modules.override(new SMTPServerModule()).with(new GatewaySmtpServerModule())}.
 */
public class GatewaySmtpServerModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(GatewaySmtpServerFactory.class).in(Scopes.SINGLETON);
        bind(SMTPServerFactory.class).to(GatewaySmtpServerFactory.class);
    }
}
