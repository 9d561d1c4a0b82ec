package org.smtpgw.mailets.eventlog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Sends lines to syslog as RFC 3164 UDP datagrams, facility {@code mail}, tag {@code smtpgw}, to a local syslog
 * daemon ({@code 127.0.0.1:514} by default; rsyslog and syslog-ng accept it when their UDP input is on).
 *
 * <p>Written by hand (one datagram per line, a dozen lines) rather than through logback's {@code SyslogAppender}:
 * that would tie the mailets to the logging backend of the James they are dropped into. UDP never blocks the
 * mail flow: a syslog daemon that is down loses the line, as it would with any UDP syslog.
 */
public final class SyslogSink implements LineSink {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 514;
    static final int FACILITY_MAIL = 2;
    static final String TAG = "smtpgw";
    private static final int MAX_DATAGRAM = 8192;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    private final InetSocketAddress destination;
    private final Clock clock;
    private final String hostname;
    private DatagramSocket socket;

    public SyslogSink(InetSocketAddress destination, Clock clock, String hostname) {
        this.destination = destination;
        this.clock = clock;
        this.hostname = hostname;
    }

    @Override
    public synchronized void write(LogLevel level, String line) throws IOException {
        if (socket == null) {
            socket = new DatagramSocket();
        }
        byte[] bytes = datagram(level, line).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_DATAGRAM);
        socket.send(new DatagramPacket(bytes, length, destination));
    }

    /** {@code <PRI>Mmm dd hh:mm:ss host smtpgw: line}. */
    String datagram(LogLevel level, String line) {
        int priority = FACILITY_MAIL * 8 + severity(level);
        String timestamp = TIMESTAMP.format(clock.instant().atZone(clock.getZone() == null ? ZoneId.systemDefault()
            : clock.getZone()));
        return "<" + priority + ">" + timestamp + " " + hostname + " " + TAG + ": " + line;
    }

    static int severity(LogLevel level) {
        return switch (level) {
            case FATAL -> 2;    // critical
            case ERROR -> 3;
            case WARNING -> 4;
            case INFO -> 5;     // notice
            case ACTIVITY -> 6; // informational
            case DEBUG -> 7;
        };
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    @Override
    public String toString() {
        return "syslog " + destination.getHostString() + ":" + destination.getPort();
    }
}
