package org.smtpgw.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.mailets.stats.GatewayStatistics.Level;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

class ConnectionAdmissionTest {
    private final GatewayStatistics statistics = new GatewayStatistics();
    private final ConnectionAdmission admission = new ConnectionAdmission(2, 0, "gw.example.com", statistics);

    @Test
    void openConnectionsAreCountedWhileOpen() {
        EmbeddedChannel first = new EmbeddedChannel(admission);
        EmbeddedChannel second = new EmbeddedChannel(admission);

        assertThat(statistics.current(Level.INCOMING_CONNECTIONS)).isEqualTo(2);
        assertThat(statistics.get(Counter.INCOMING_CONNECTIONS_TOTAL)).isEqualTo(2);

        first.close();
        assertThat(statistics.current(Level.INCOMING_CONNECTIONS)).isEqualTo(1);
        assertThat(statistics.maximum(Level.INCOMING_CONNECTIONS)).isEqualTo(2);
        second.close();
        assertThat(statistics.current(Level.INCOMING_CONNECTIONS)).isZero();
    }

    @Test
    void connectionBeyondTheSessionsLimitIsRefusedWith421AndCounted() {
        EmbeddedChannel first = new EmbeddedChannel(admission);
        EmbeddedChannel second = new EmbeddedChannel(admission);
        EmbeddedChannel third = new EmbeddedChannel(admission);

        ByteBuf reply = third.readOutbound();
        assertThat(reply.toString(StandardCharsets.US_ASCII)).startsWith("421 4.7.0 gw.example.com ");
        reply.release();
        assertThat(third.isOpen()).isFalse();
        assertThat(statistics.get(Counter.INCOMING_CONNECTIONS_REFUSED_FOR_SESSIONS_LIMIT)).isEqualTo(1);
        assertThat(statistics.get(Counter.INCOMING_CONNECTIONS_REFUSED_TOTAL)).isEqualTo(1);
        assertThat(statistics.get(Counter.INCOMING_CONNECTIONS_TOTAL)).isEqualTo(3);
        assertThat(statistics.current(Level.INCOMING_CONNECTIONS)).isEqualTo(2);

        first.close();
        EmbeddedChannel fourth = new EmbeddedChannel(admission);
        assertThat(fourth.isOpen()).as("a place became free").isTrue();
        second.close();
        fourth.close();
    }

    @Test
    void connectionEndedByANetworkErrorIsCountedOnceAsAConnectionError() {
        EmbeddedChannel channel = new EmbeddedChannel(admission);

        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        ConnectionAdmission.markFailed(channel);
        assertThat(statistics.get(Counter.INCOMING_CONNECTION_ERRORS)).as("counted when it closes").isZero();
        channel.close();

        assertThat(statistics.get(Counter.INCOMING_CONNECTION_ERRORS)).isEqualTo(1);
    }

    @Test
    void connectionClosedNormallyIsNoConnectionError() {
        EmbeddedChannel channel = new EmbeddedChannel(admission);

        channel.close();

        assertThat(statistics.get(Counter.INCOMING_CONNECTION_ERRORS)).isZero();
    }
}
