package org.smtpgw.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

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

        advance(Duration.ofSeconds(60));
        assertThat(channel.isOpen()).isTrue();

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
