package org.smtpgw.server.smtp;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.AbstractSSLAwareChannelPipelineFactory;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;
import org.smtpgw.mailets.stats.GatewayStatistics;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * James' SMTP server with the gateway's connection handling in its netty pipeline: {@link ConnectionAdmission}
 * (session limits and connection statistics) first, and {@link ReceivingTimeoutHandler} (per-phase receiving
 * timeouts) in place of James' idle {@code TimeoutHandler}. {@code connectionLimit} and {@code connectionLimitPerIP}
 * keep their meaning; {@code connectiontimeout} is ignored: the timeouts come from {@code <receivingTimeouts>}
 * ({@link ReceivingTimeouts}).
 *
 * <pre>{@code
 * <smtpserver enabled="true">
 *   <connectionLimit>100</connectionLimit>
 *   <connectionLimitPerIP>4</connectionLimitPerIP>
 *   <receivingTimeouts>
 *     <command>300</command>
 *     <dataInitiation>600</dataInitiation>
 *     <dataTermination>300</dataTermination>
 *     <read>120</read>
 *   </receivingTimeouts>
 *   ...
 * </smtpserver>
 * }</pre>
 */
public class GatewaySmtpServer extends SMTPServer {
    static final String READ_ACTIVITY_HANDLER = "smtpgwReadActivity";
    static final String ADMISSION_HANDLER = "smtpgwConnectionAdmission";

    private final GatewayStatistics statistics;
    private ReceivingTimeouts receivingTimeouts = ReceivingTimeouts.DEFAULTS;

    public GatewaySmtpServer(SmtpMetrics smtpMetrics, GatewayStatistics statistics) {
        super(smtpMetrics);
        this.statistics = statistics;
    }

    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        super.doConfigure(configuration);
        receivingTimeouts = ReceivingTimeouts.parse(configuration);
    }

    public ReceivingTimeouts receivingTimeouts() {
        return receivingTimeouts;
    }

    @Override
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        ConnectionAdmission admission = new ConnectionAdmission(connectionLimit, connPerIP, getHelloName(), statistics);
        // no James idle timeout (0) and no James connection limits (0, 0): replaced below
        return new AbstractSSLAwareChannelPipelineFactory<SocketChannel>(0, 0, 0, proxyRequired, this::getEncryption,
            getFrameHandlerFactory(), getExecutorGroup()) {

            @Override
            public void initChannel(SocketChannel channel) throws Exception {
                super.initChannel(channel);
                ChannelPipeline pipeline = channel.pipeline();
                ReceivingTimeoutHandler timeouts = new ReceivingTimeoutHandler(receivingTimeouts, getHelloName());
                pipeline.replace(HandlerConstants.TIMEOUT_HANDLER, HandlerConstants.TIMEOUT_HANDLER, timeouts);
                pipeline.addBefore(HandlerConstants.FRAMER, READ_ACTIVITY_HANDLER, timeouts.readActivity());
                pipeline.addFirst(ADMISSION_HANDLER, admission);
            }

            @Override
            protected ChannelInboundHandlerAdapter createHandler() {
                return createCoreHandler();
            }
        };
    }
}
