package org.smtpgw.server;

import java.nio.file.Path;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;
import org.smtpgw.server.control.ControlModule;
import org.smtpgw.server.control.ControlSettings;
import org.smtpgw.server.smtp.GatewaySmtpServerModule;
import org.smtpgw.server.statistics.StatisticsModule;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * The bundled James server of the gateway: SMTP server, mailet container, persistent ActiveMQ queues,
 * file mail repositories, dnsjava, WebAdmin and JMX, and no mailbox.
 *
 * <p>James' working directory is the distribution home ({@code var/} lives under it); James reads its
 * XML and properties files from {@code jamesConfDir}, which the launcher fills with the configuration
 * generated from {@code smtpgw.conf}. It must lie inside the home because James only opens files under
 * its working directory.
 */
public final class SmtpgwServer {

    private static final Module DATA = Modules.combine(
        new RelayDataModule(),
        new RelayUsersModule());

    private static final Module MAIL_PROCESSING = Modules.combine(
        new MailetProcessingModule(),
        new NaiveDelegationStoreModule(),
        new LocalActiveMQQueueModule(),
        new RawPostDequeueDecoratorModule(),
        // outgoing session limits, unreachable cache and sender switch of RemoteDelivery's GatewaySmtpTransport
        new org.smtpgw.mailets.delivery.OutgoingDeliveryModule(),
        // mailetcontainer.xml is always generated: no built-in processor tree is needed as a fallback.
        binder -> binder.bind(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class)
            .toInstance(BaseHierarchicalConfiguration::new));

    private static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        // our SMTP server: per-phase receiving timeouts, session limits with connection statistics
        Modules.override(new SMTPServerModule()).with(new GatewaySmtpServerModule()));

    private static final Module ADMINISTRATION = Modules.combine(
        new WebAdminServerModule(),
        new DataRoutesModules(),
        new MailRepositoriesRoutesModule(),
        new MailQueueRoutesModule(),
        new NoJwtModule(),
        new TaskManagerModule(),
        new RelayJmxModule(),
        new StatisticsModule());

    private SmtpgwServer() {
    }

    /**
     * @param home the distribution home, James' working directory
     * @param jamesConfDir directory holding James' configuration files, inside {@code home}
     * @param control ControlPath and StatFilename of smtpgw.conf (management files, statistics file)
     */
    public static GuiceJamesServer create(Path home, Path jamesConfDir, ControlSettings control) {
        return GuiceJamesServer.forConfiguration(configuration(home, jamesConfDir))
            .combineWith(DATA, MAIL_PROCESSING, PROTOCOLS, ADMINISTRATION, new ControlModule(control))
            // DNS servers with ports, MXCacheRefreshPeriod, DNS statistics (replaces James' DNSJavaService)
            .overrideWith(new org.smtpgw.server.dns.GatewayDnsModule());
    }

    static Configuration configuration(Path home, Path jamesConfDir) {
        Path absoluteHome = home.toAbsolutePath().normalize();
        Path absoluteConf = absoluteHome.resolve(jamesConfDir).normalize();
        if (!absoluteConf.startsWith(absoluteHome)) {
            throw new IllegalArgumentException("James configuration directory " + absoluteConf
                + " must be inside the distribution home " + absoluteHome);
        }
        String relative = absoluteHome.relativize(absoluteConf).toString().replace('\\', '/');
        // "file://" URLs without a known prefix are resolved against James' working directory.
        String location = relative.isEmpty() ? "file://" : "file://" + relative + "/";
        return Configuration.builder()
            .workingDirectory(absoluteHome.toFile())
            .configurationPath(new Configuration.ConfigurationPath(location))
            .build();
    }
}
