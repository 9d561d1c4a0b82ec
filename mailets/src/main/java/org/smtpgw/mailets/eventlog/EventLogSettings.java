package org.smtpgw.mailets.eventlog;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the event log goes and how its lines look: the manual's {@code LogFilename}, {@code LogLevel} and the
 * {@code [locale]} {@code DateFormat}/{@code TimeFormat}.
 *
 * @param target     a file path (kept absolute and normalised); {@code syslog} (UDP to 127.0.0.1:514) or {@code syslog:HOST:PORT}; or empty for
 *                   no log at all
 * @param level      1..9, see {@link LogLevel}
 * @param dateFormat strftime, e.g. {@code %d/%m/%y}
 * @param timeFormat strftime, e.g. {@code %H:%M:%S}
 */
public record EventLogSettings(String target, int level, String dateFormat, String timeFormat) {
    public static final String SYSLOG = "syslog";
    public static final String DEFAULT_DATE_FORMAT = "%d/%m/%y";
    public static final String DEFAULT_TIME_FORMAT = "%H:%M:%S";

    /** Where lines are written; records, so equal destinations share one sink. */
    public sealed interface Destination permits None, File, Syslog {
    }

    public record None() implements Destination {
    }

    public record File(Path path) implements Destination {
    }

    public record Syslog(String host, int port) implements Destination {
        public InetSocketAddress address() {
            return new InetSocketAddress(host, port);
        }
    }

    /**
     * @throws IllegalArgumentException naming the bad value and what is allowed
     */
    public EventLogSettings {
        target = Objects.requireNonNull(target, "target").trim();
        if (level < LogLevel.MIN || level > LogLevel.MAX) {
            throw new IllegalArgumentException("log level " + level + " is out of range; expected " + LogLevel.MIN
                + " to " + LogLevel.MAX + " (default " + LogLevel.DEFAULT + ")");
        }
        Strftime.formatter(dateFormat);
        Strftime.formatter(timeFormat);
        if (destination(target) instanceof File file) {
            // One spelling per file, so that settings naming the same file are equal and share one writer.
            target = file.path().toString();
        }
    }

    public static EventLogSettings defaults(String target) {
        return new EventLogSettings(target, LogLevel.DEFAULT, DEFAULT_DATE_FORMAT, DEFAULT_TIME_FORMAT);
    }

    public Destination destination() {
        return destination(target);
    }

    private static Destination destination(String target) {
        if (target.isEmpty()) {
            return new None();
        }
        if (target.equalsIgnoreCase(SYSLOG)) {
            return new Syslog(SyslogSink.DEFAULT_HOST, SyslogSink.DEFAULT_PORT);
        }
        if (target.regionMatches(true, 0, SYSLOG + ":", 0, SYSLOG.length() + 1)) {
            String address = target.substring(SYSLOG.length() + 1);
            int colon = address.lastIndexOf(':');
            String allowed = "expected syslog, syslog:HOST:PORT, a file path, or nothing";
            if (colon <= 0) {
                throw new IllegalArgumentException("log target '" + target + "' has no port; " + allowed);
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("log target '" + target + "' has a bad port; " + allowed);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("log target '" + target + "': port out of range 1..65535");
            }
            return new Syslog(address.substring(0, colon), port);
        }
        return new File(Path.of(target).toAbsolutePath().normalize());
    }
}
