package org.smtpgw.mailets.delivery;

import com.google.inject.AbstractModule;

/**
 * Makes {@link GatewaySmtpTransport} work: creates the server's {@link OutgoingConnections} at start and hands it to
 * the transports. The bundled server installs it; a James server using the drop-in jar lists it in
 * {@code conf/extensions.properties}: {@code guice.extension.module=org.smtpgw.mailets.delivery.OutgoingDeliveryModule}.
 */
public class OutgoingDeliveryModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(OutgoingConnectionsBridge.Installer.class).asEagerSingleton();
    }
}
