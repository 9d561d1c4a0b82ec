package org.smtpgw.mailets.delivery;

import java.util.Properties;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.MailetConfig;

/**
 * James' RemoteDelivery, delivering through {@link GatewaySmtpTransport}: the gateway's outgoing session limits,
 * per-phase sending timeouts, unreachable hosts cache and sender task switch. Every parameter of RemoteDelivery works
 * as documented by James; the {@code mail.*} parameters reach JavaMail under their real names.
 *
 * <p>Why a subclass: every delivery then goes through the gateway's transport without the administrator naming it
 * ({@code mail.smtp.class} defaults to {@link org.smtpgw.mailets.delivery.transport.SMTPTransport}; a
 * {@code <mail.smtp.class>} of your own wins), and the {@code mail.smtpgw.*} parameters are checked when the mailet
 * starts, with an error naming the mailet and the parameter. Parameter names are accepted with single dots or with
 * the doubled dots of commons-configuration's escape ({@code mail..smtp..class}).
 * The transport applies the gateway's rules when {@link OutgoingDeliveryModule} is installed (the bundled server does;
 * a James server using the drop-in jar adds
 * {@code guice.extension.module=org.smtpgw.mailets.delivery.OutgoingDeliveryModule} to
 * {@code conf/extensions.properties}); without it, it delivers as James' own RemoteDelivery does.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.delivery.GatewayRemoteDelivery">
 *   <outgoing>outgoing</outgoing>
 *   <delayTime>5 * 1800000, 10 * 21600000</delayTime>
 *   <maxRetries>15</maxRetries>
 *   <connectiontimeout>300000</connectiontimeout>                                <!-- TCP connect, ms -->
 *   <timeout>600000</timeout>                                   <!-- read timeout of a phase not set below, ms -->
 *   <mail.smtp.writetimeout>120000</mail.smtp.writetimeout>                      <!-- ms -->
 *   <mail.smtpgw.outgoingSessions>20</mail.smtpgw.outgoingSessions>   <!-- open sessions, all RemoteDelivery -->
 *   <mail.smtpgw.outgoingSessionsPerHost>4</mail.smtpgw.outgoingSessionsPerHost>   <!-- per destination host -->
 *   <mail.smtpgw.unreachableCachePeriod>1200</mail.smtpgw.unreachableCachePeriod>  <!-- seconds; 0: no cache -->
 *   <mail.smtpgw.greetingTimeout>300000</mail.smtpgw.greetingTimeout>            <!-- the rest in ms -->
 *   <mail.smtpgw.helloTimeout>300000</mail.smtpgw.helloTimeout>
 *   <mail.smtpgw.mailTimeout>300000</mail.smtpgw.mailTimeout>
 *   <mail.smtpgw.rcptTimeout>300000</mail.smtpgw.rcptTimeout>
 *   <mail.smtpgw.dataInitiationTimeout>600000</mail.smtpgw.dataInitiationTimeout>
 *   <mail.smtpgw.dataTerminationTimeout>300000</mail.smtpgw.dataTerminationTimeout>
 *   <mail.smtpgw.quitTimeout>300000</mail.smtpgw.quitTimeout>
 * </mailet>
 * }</pre>
 */
public class GatewayRemoteDelivery extends RemoteDelivery {

    @Inject
    public GatewayRemoteDelivery(DNSService dnsServer, DomainList domainList, MailQueueFactory<?> queueFactory,
                                 MetricFactory metricFactory) {
        super(dnsServer, domainList, queueFactory, metricFactory);
    }

    /** For tests: RemoteDelivery without its delivery threads. */
    GatewayRemoteDelivery(DNSService dnsServer, DomainList domainList, MailQueueFactory<?> queueFactory,
                          MetricFactory metricFactory, ThreadState startThreads) {
        super(dnsServer, domainList, queueFactory, metricFactory, startThreads);
    }

    /** @throws MessagingException naming the mailet and the parameter, when a gateway parameter is invalid */
    @Override
    public void init(MailetConfig config) throws MessagingException {
        JavaMailParameters parameters = new JavaMailParameters(config);
        Properties gatewaySettings = new Properties();
        parameters.getInitParameterNames().forEachRemaining(name -> {
            if (name.startsWith("mail.")) {
                gatewaySettings.setProperty(name, parameters.getInitParameter(name));
            }
        });
        try {
            OutgoingSettings.from(gatewaySettings);
        } catch (MessagingException e) {
            throw new MessagingException("GatewayRemoteDelivery '" + config.getMailetName() + "': " + e.getMessage());
        }
        super.init(parameters);
    }
}
