package org.smtpgw.mailets.delivery;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

/**
 * Hands the server's {@link OutgoingConnections} to {@link GatewaySmtpTransport}.
 *
 * <p>Why static: JavaMail creates transports itself, by reflection, with only a {@code (Session, URLName)}
 * constructor, and a Session's properties carry only the strings of RemoteDelivery's parameters; there is no way to
 * hand it a Guice object. This holder is the one piece of static state of the gateway and holds nothing but that
 * reference; {@link Installer}, created eagerly by {@link OutgoingDeliveryModule}, fills it when the server starts.
 */
public final class OutgoingConnectionsBridge {

    private static final AtomicReference<OutgoingConnections> INSTALLED = new AtomicReference<>();

    private OutgoingConnectionsBridge() {
    }

    public static void install(OutgoingConnections connections) {
        INSTALLED.set(connections);
    }

    /** For tests: nothing installed again. */
    public static void uninstall() {
        INSTALLED.set(null);
    }

    public static Optional<OutgoingConnections> installed() {
        return Optional.ofNullable(INSTALLED.get());
    }

    /** Bound as an eager singleton: installs the server's instance when the injector is made. */
    public static final class Installer {
        @Inject
        public Installer(OutgoingConnections connections) {
            install(connections);
        }
    }
}
