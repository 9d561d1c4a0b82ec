package org.smtpgw.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;

/** The handler in an embedded channel: "lines" written inbound, replies written outbound, time moved by hand. */
class ReceivingTimeoutHandlerTest {
    private static final ReceivingTimeouts TIMEOUTS = new ReceivingTimeouts(Duration.ofSeconds(10),
        Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(5));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private ReceivingTimeoutHandler handler;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        handler = new ReceivingTimeoutHandler(TIMEOUTS, "gw.example.com", now::get);
        channel = new EmbeddedChannel();
        channel.pipeline().addLast("read", handler.readActivity());
        channel.pipeline().addLast("timeouts", handler);
        reply("220 gw.example.com ESMTP\r\n");
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    /** A complete line (both handlers see it, as framer-less embedded pipeline passes the raw read on). */
    private void line(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        channel.readInbound();
    }

    private void reply(String text) {
        channel.writeOutbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        ByteBuf out = channel.readOutbound();
        out.release();
    }

    private String lastReply() {
        ByteBuf out = channel.readOutbound();
        try {
            return out == null ? null : out.toString(StandardCharsets.US_ASCII);
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    @Test
    void silentClientIsDroppedWith421AfterTheCommandTimeout() {
        advance(Duration.ofSeconds(9));
        assertThat(channel.isOpen()).isTrue();

        advance(Duration.ofSeconds(2));
        assertThat(lastReply()).isEqualTo("421 4.4.2 gw.example.com Error: timeout exceeded\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void clientStallingAfterAnAcceptedRcptGetsTheDataInitiationTimeout() {
        line("MAIL FROM:<a@example.com>\r\n");
        reply("250 2.1.0 Sender OK\r\n");
        line("RCPT TO:<b@example.net>\r\n");
        reply("250 2.1.5 Recipient OK\r\n");

        advance(Duration.ofSeconds(15));
        assertThat(channel.isOpen()).as("beyond the command timeout").isTrue();
        advance(Duration.ofSeconds(6));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void noTimeoutRunsWhileTheServerIsBusyWithACommand() {
        line("MAIL FROM:<a@example.com>\r\n");

        advance(Duration.ofSeconds(25));
        assertThat(channel.isOpen()).as("beyond the command timeout, short of the largest timeout").isTrue();

        reply("250 2.1.0 Sender OK\r\n");
        advance(Duration.ofSeconds(11));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void messageContentIsLimitedByTheReadTimeoutBetweenReads() {
        line("MAIL FROM:<a@example.com>\r\n");
        reply("250 ok\r\n");
        line("RCPT TO:<b@example.net>\r\n");
        reply("250 ok\r\n");
        line("DATA\r\n");
        reply("354 go ahead\r\n");
        for (int i = 0; i < 4; i++) {
            advance(Duration.ofSeconds(4));
            line("line " + i + "\r\n");
        }
        assertThat(channel.isOpen()).as("16 s of data, reads 4 s apart").isTrue();

        advance(Duration.ofSeconds(6));
        assertThat(channel.isOpen()).as("no read for longer than ReadTimeout").isFalse();
    }

    @Test
    void messageContentIsLimitedByTheDataTerminationTimeoutAsAWhole() {
        line("MAIL FROM:<a@example.com>\r\n");
        reply("250 ok\r\n");
        line("RCPT TO:<b@example.net>\r\n");
        reply("250 ok\r\n");
        line("DATA\r\n");
        reply("354 go ahead\r\n");
        for (int i = 0; i < 7; i++) {
            advance(Duration.ofSeconds(4));
            line("line " + i + "\r\n");
        }
        assertThat(channel.isOpen()).isTrue();

        advance(Duration.ofSeconds(4));
        assertThat(channel.isOpen()).as("32 s after 354").isFalse();
    }

    @Test
    void lineJamesNeverAnswersDoesNotSwitchTheTimeoutsOff() {
        line("MAIL FROM:<a@example.com>\r\n");
        // no reply ever comes

        advance(Duration.ofSeconds(29));
        assertThat(channel.isOpen()).isTrue();
        advance(Duration.ofSeconds(2));
        assertThat(lastReply()).startsWith("421 4.4.2 ");
        assertThat(channel.isOpen()).as("largest timeout (30 s) after the last read").isFalse();
    }

    @Test
    void dotLineThatDoesNotEndTheContentForJamesKeepsTheDataTerminationTimeout() {
        line("MAIL FROM:<a@example.com>\r\n");
        reply("250 ok\r\n");
        line("RCPT TO:<b@example.net>\r\n");
        reply("250 ok\r\n");
        line("DATA\r\n");
        reply("354 go ahead\r\n");
        // James ends the content only at a 3-byte line ".\r\n"; this one is content, no reply follows
        line(".\r\r\n");

        advance(Duration.ofSeconds(6));
        assertThat(lastReply()).startsWith("421 4.4.2 ");
        assertThat(channel.isOpen()).as("ReadTimeout (5 s) inside DATA").isFalse();
    }

    @Test
    void dataWithLeadingBlankAnsweredWith354StartsTheContent() {
        line("MAIL FROM:<a@example.com>\r\n");
        reply("250 ok\r\n");
        line("RCPT TO:<b@example.net>\r\n");
        reply("250 ok\r\n");
        line(" DATA\r\n");
        reply("354 go ahead\r\n");
        line("Subject: x\r\n");

        advance(Duration.ofSeconds(6));
        assertThat(lastReply()).startsWith("421 4.4.2 ");
        assertThat(channel.isOpen()).as("ReadTimeout (5 s) inside DATA").isFalse();
    }

    @Test
    void expiredTimeoutAndFatalErrorsCountAsConnectionErrorsButALineTooLongDoesNot() {
        GatewayStatistics statistics = new GatewayStatistics();
        ConnectionAdmission admission = new ConnectionAdmission(0, 0, "gw.example.com", statistics);

        EmbeddedChannel timedOut = withAdmission(admission);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        timedOut.advanceTimeBy(11, TimeUnit.SECONDS);
        timedOut.runScheduledPendingTasks();
        assertThat(timedOut.isOpen()).isFalse();
        assertThat(statistics.get(Counter.INCOMING_CONNECTION_ERRORS)).isEqualTo(1);

        EmbeddedChannel tooLong = withAdmission(admission);
        // fired from behind ConnectionAdmission, as the framer reports a discarded line or a decoder failure
        tooLong.pipeline().context(admission).fireExceptionCaught(new TooLongFrameException("frame length exceeds 8192"));
        tooLong.close();
        assertThat(statistics.get(Counter.INCOMING_CONNECTION_ERRORS)).isEqualTo(1);

        EmbeddedChannel injected = withAdmission(admission);
        injected.pipeline().context(admission).fireExceptionCaught(new DecoderException("command injection"));
        injected.close();
        assertThat(statistics.get(Counter.INCOMING_CONNECTION_ERRORS)).isEqualTo(2);
        timedOut.finishAndReleaseAll();
        tooLong.finishAndReleaseAll();
        injected.finishAndReleaseAll();
    }

    /** A pipeline like the server's: ConnectionAdmission first, then the read observer and the timeout handler. */
    private EmbeddedChannel withAdmission(ConnectionAdmission admission) {
        ReceivingTimeoutHandler own = new ReceivingTimeoutHandler(TIMEOUTS, "gw.example.com", now::get);
        EmbeddedChannel embedded = new EmbeddedChannel(admission, own.readActivity(), own,
            new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    // James' core handler, in short: what reaches it here is consumed
                }
            });
        return embedded;
    }

    @Test
    void finalReplyCodeIsTheCodeOfTheLastLine() {
        assertThat(ReceivingTimeoutHandler.finalReplyCode(buf("250-gw\r\n250-PIPELINING\r\n250 8BITMIME\r\n")))
            .isEqualTo(250);
        assertThat(ReceivingTimeoutHandler.finalReplyCode(buf("354 go\r\n"))).isEqualTo(354);
        assertThat(ReceivingTimeoutHandler.finalReplyCode(buf("250-partial\r\n"))).isEqualTo(-1);
        assertThat(ReceivingTimeoutHandler.finalReplyCode(Unpooled.EMPTY_BUFFER)).isEqualTo(-1);
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
