package org.smtpgw.server.smtp;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Replaces James' single idle timeout of an SMTP connection by the receiver's per-phase timeouts
 * ({@link ReceivingTimeouts}). It sits after the line framer, sees every client line and every reply, and keeps
 * one deadline while the server waits for the client:
 * <ul>
 *   <li>waiting for a command: the phase's timeout (command or data initiation) from the moment the server
 *   answered the previous line; if the client has sent part of a line, also {@code read} after its last read;</li>
 *   <li>inside DATA: {@code dataTermination} from the 354 answer, and {@code read} after the last read.</li>
 * </ul>
 * While the server is busy with a command only the largest of the timeouts runs from the last read (the client is
 * not late; it is a safety net). On expiry the client gets
 * {@code 421 4.4.2 <hostname> Error: timeout exceeded} and the connection is closed; James discards an
 * unfinished message content with the connection.
 *
 * <p>One instance per connection; every method runs on the channel's event loop. Raw reads (before framing) are
 * reported by {@link #readActivity()}, a second handler placed before the framer.
 */
public final class ReceivingTimeoutHandler extends ChannelDuplexHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReceivingTimeoutHandler.class);

    private final ReceivingTimeouts timeouts;
    private final String hostname;
    private final LongSupplier nanoTime;
    private final SmtpPhaseTracker tracker = new SmtpPhaseTracker();

    private ChannelHandlerContext context;
    private long waitingSince;
    private long lastRead;
    /** Bytes read but not yet framed into a line: the client is in the middle of a line. */
    private long unframedBytes;
    private ScheduledFuture<?> timer;
    private long timerDeadline;
    private boolean expired;

    public ReceivingTimeoutHandler(ReceivingTimeouts timeouts, String hostname) {
        this(timeouts, hostname, System::nanoTime);
    }

    ReceivingTimeoutHandler(ReceivingTimeouts timeouts, String hostname, LongSupplier nanoTime) {
        this.timeouts = timeouts;
        this.hostname = hostname;
        this.nanoTime = nanoTime;
    }

    /** The handler to put before the framer: it notes the time and size of every network read. */
    public ChannelInboundHandlerAdapter readActivity() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof ByteBuf buf) {
                    lastRead = nanoTime.getAsLong();
                    unframedBytes += buf.readableBytes();
                    schedule();
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        waitingSince = nanoTime.getAsLong();
        lastRead = waitingSince;
        if (ctx.channel().isActive()) {
            schedule();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        schedule();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (expired) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf line) {
            unframedBytes = Math.max(0, unframedBytes - line.readableBytes());
            tracker.lineReceived(firstChars(line), line.readableBytes());
            schedule();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        // e.g. the framer discarding a line longer than James allows: those bytes will never arrive as a line
        unframedBytes = 0;
        if (!(cause instanceof TooLongFrameException)) {
            // every other exception reaching here (a reset, an I/O error, a command injection the framer detects)
            // makes James' core handler close the connection; a line too long only gets a 500 reply
            ConnectionAdmission.markFailed(ctx.channel());
        }
        super.exceptionCaught(ctx, cause);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf reply && !expired) {
            int code = finalReplyCode(reply);
            if (code > 0) {
                boolean wasWaiting = tracker.waitingForClient();
                tracker.replied(code);
                if (!wasWaiting && tracker.waitingForClient()) {
                    waitingSince = nanoTime.getAsLong();
                }
                schedule();
            }
        }
        super.write(ctx, msg, promise);
    }

    /** The deadline (System.nanoTime based) for the client. */
    long deadline() {
        if (!tracker.waitingForClient()) {
            // The server owes a reply, so the client is not late. Bounded all the same (James' former single idle
            // timeout): a line James never answers, should it ever disagree with the tracker, must not switch
            // the receiving timeouts off for the rest of the connection.
            return lastRead + timeouts.longest().toNanos();
        }
        long deadline = waitingSince + timeouts.of(tracker.phase()).toNanos();
        if (tracker.phase() == SmtpPhaseTracker.Phase.DATA_TERMINATION || unframedBytes > 0) {
            deadline = Math.min(deadline, lastRead + timeouts.read().toNanos());
        }
        return deadline;
    }

    SmtpPhaseTracker tracker() {
        return tracker;
    }

    private void schedule() {
        if (expired || context == null) {
            return;
        }
        long deadline = deadline();
        if (deadline == Long.MAX_VALUE) {
            cancelTimer();
            return;
        }
        if (timer != null && timerDeadline <= deadline) {
            // fires earlier and re-checks then: a later deadline (after a read) needs no new timer
            return;
        }
        cancelTimer();
        timerDeadline = deadline;
        long delay = Math.max(0, deadline - nanoTime.getAsLong());
        timer = context.executor().schedule(this::timerFired, delay, TimeUnit.NANOSECONDS);
    }

    private void timerFired() {
        timer = null;
        if (expired || !context.channel().isActive()) {
            return;
        }
        if (nanoTime.getAsLong() - deadline() >= 0) {
            expire();
        } else {
            schedule();
        }
    }

    private void expire() {
        expired = true;
        ConnectionAdmission.markFailed(context.channel());
        SmtpPhaseTracker.Phase phase = tracker.phase();
        LOGGER.info("Closing SMTP connection from {}: {} timeout exceeded (phase {})", context.channel().remoteAddress(),
            phase == SmtpPhaseTracker.Phase.DATA_TERMINATION || unframedBytes > 0 ? "receiving" : "command", phase);
        byte[] reply = ("421 4.4.2 " + hostname + " Error: timeout exceeded\r\n").getBytes(StandardCharsets.US_ASCII);
        // written from this handler, so it bypasses this handler's own write() and goes straight to the client
        context.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Enough of a line to know its command verb or whether it ends the message content. */
    private static String firstChars(ByteBuf line) {
        int length = Math.min(line.readableBytes(), 16);
        return line.toString(line.readerIndex(), length, StandardCharsets.US_ASCII);
    }

    /** The code of the last line of an SMTP reply ({@code "250 ok\r\n"}, {@code "250-a\r\n250 b\r\n"}), or -1. */
    static int finalReplyCode(ByteBuf reply) {
        int start = reply.readerIndex();
        int end = reply.writerIndex();
        while (end > start && (reply.getByte(end - 1) == '\n' || reply.getByte(end - 1) == '\r')) {
            end--;
        }
        if (end == start) {
            return -1;
        }
        int lineStart = end;
        while (lineStart > start && reply.getByte(lineStart - 1) != '\n') {
            lineStart--;
        }
        if (end - lineStart < 3) {
            return -1;
        }
        int code = 0;
        for (int i = lineStart; i < lineStart + 3; i++) {
            byte b = reply.getByte(i);
            if (b < '0' || b > '9') {
                return -1;
            }
            code = code * 10 + (b - '0');
        }
        if (end - lineStart > 3 && reply.getByte(lineStart + 3) == '-') {
            return -1;
        }
        return code;
    }
}
