package org.smtpgw.server.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.mailets.stats.GatewayStatistics.Level;
import org.smtpgw.mailets.stats.GatewayStatistics.LevelHold;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler of every SMTP connection, shared by all connections of one server: applies IncomingSessions and
 * MaximalIncomingSessionsPerIP (in place of James' ConnectionLimitUpstreamHandler and
 * ConnectionPerIpLimitUpstreamHandler, which count nothing) and keeps the connection statistics:
 * {@code mta_incoming_connections_total} (every accepted TCP connection, refused ones included),
 * {@code mta_incoming_connections_current/_maximum} (admitted connections while open), and the refusals
 * {@code mta_incoming_connections_refused_for_sessions_limit}, {@code ..._for_sessions_per_ip_limit} and
 * {@code mta_incoming_connections_refused_total}; and {@code mta_incoming_connection_errors}, once for every admitted
 * connection that some handler marked as failed ({@link #markFailed}) by the time it closes.
 *
 * <p>A refused connection gets {@code 421 4.7.0 <hostname> Too many connections, try again later} and is closed;
 * the SMTP handlers behind never see it (no greeting, no session).
 */
@ChannelHandler.Sharable
public final class ConnectionAdmission extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionAdmission.class);
    private static final AttributeKey<Admitted> ADMITTED = AttributeKey.valueOf("smtpgw.connectionAdmitted");
    private static final AttributeKey<Boolean> FAILED = AttributeKey.valueOf("smtpgw.connectionFailed");

    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final String hostname;
    private final GatewayStatistics statistics;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> connectionsPerIp = new ConcurrentHashMap<>();

    /**
     * @param maxConnections open connections at most, 0 for no limit
     * @param maxConnectionsPerIp open connections from one address at most, 0 for no limit
     */
    public ConnectionAdmission(int maxConnections, int maxConnectionsPerIp, String hostname, GatewayStatistics statistics) {
        this.maxConnections = maxConnections;
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        this.hostname = hostname;
        this.statistics = statistics;
    }

    private record Admitted(InetAddress address, LevelHold hold) {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        statistics.increment(Counter.INCOMING_CONNECTIONS_TOTAL);
        InetAddress address = addressOf(ctx.channel().remoteAddress());
        if (maxConnections > 0 && connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            refuse(ctx, Counter.INCOMING_CONNECTIONS_REFUSED_FOR_SESSIONS_LIMIT, "IncomingSessions");
            return;
        }
        if (maxConnectionsPerIp > 0 && address != null
            && connectionsPerIp.merge(address, 1, Integer::sum) > maxConnectionsPerIp) {
            release(address);
            if (maxConnections > 0) {
                connections.decrementAndGet();
            }
            refuse(ctx, Counter.INCOMING_CONNECTIONS_REFUSED_FOR_SESSIONS_PER_IP_LIMIT, "MaximalIncomingSessionsPerIP");
            return;
        }
        ctx.channel().attr(ADMITTED).set(new Admitted(address, statistics.hold(Level.INCOMING_CONNECTIONS)));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Admitted admitted = ctx.channel().attr(ADMITTED).getAndSet(null);
        if (admitted == null) {
            // refused: the handlers behind never saw it active
            return;
        }
        admitted.hold().close();
        if (Boolean.TRUE.equals(ctx.channel().attr(FAILED).get())) {
            statistics.increment(Counter.INCOMING_CONNECTION_ERRORS);
        }
        if (maxConnections > 0) {
            connections.decrementAndGet();
        }
        if (maxConnectionsPerIp > 0 && admitted.address() != null) {
            release(admitted.address());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (ctx.channel().attr(ADMITTED).get() == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (ctx.channel().attr(ADMITTED).get() == null) {
            ctx.close();
            return;
        }
        // a network error (reset, I/O): marked here, first in the pipeline, because the close that follows reaches
        // channelInactive before the exception has travelled through the framer's executor to the later handlers
        markFailed(ctx.channel());
        super.exceptionCaught(ctx, cause);
    }

    /**
     * Marks a connection as ended by an error (a network error, a fatal protocol error, a receiving timeout); it is
     * counted once in {@code mta_incoming_connection_errors} when it closes, however often it was marked.
     */
    public static void markFailed(Channel channel) {
        channel.attr(FAILED).set(Boolean.TRUE);
    }

    private void refuse(ChannelHandlerContext ctx, Counter reason, String limit) {
        statistics.increment(reason);
        statistics.increment(Counter.INCOMING_CONNECTIONS_REFUSED_TOTAL);
        LOGGER.info("Refusing SMTP connection from {}: {} reached", ctx.channel().remoteAddress(), limit);
        byte[] reply = ("421 4.7.0 " + hostname + " Too many connections, try again later\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
    }

    private void release(InetAddress address) {
        connectionsPerIp.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
