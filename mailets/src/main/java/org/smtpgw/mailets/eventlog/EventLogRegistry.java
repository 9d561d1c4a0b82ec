package org.smtpgw.mailets.eventlog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The event logs of the server, one per {@link EventLogSettings}, sharing one sink per destination: every
 * {@link LogEvent} mailet that names the same file writes through the same channel. James creates mailets through
 * Guice, which honours {@link Singleton}, so one registry serves the whole server without a binding; nothing is kept
 * in static fields.
 */
@Singleton
public class EventLogRegistry implements AutoCloseable {
    private final Clock clock;
    private final Map<EventLogSettings.Destination, LineSink> sinks = new ConcurrentHashMap<>();
    private final Map<EventLogSettings, EventLog> logs = new ConcurrentHashMap<>();

    @Inject
    public EventLogRegistry() {
        this(Clock.systemDefaultZone());
    }

    /** With the clock (and its time zone) of the line dates. */
    public EventLogRegistry(Clock clock) {
        this.clock = clock;
    }

    public EventLog eventLog(EventLogSettings settings) {
        return logs.computeIfAbsent(settings, s -> new EventLog(s, sinks.computeIfAbsent(s.destination(),
            this::sink), clock));
    }

    private LineSink sink(EventLogSettings.Destination destination) {
        if (destination instanceof EventLogSettings.File file) {
            return new FileLineSink(file.path());
        }
        if (destination instanceof EventLogSettings.Syslog syslog) {
            return new SyslogSink(syslog.address(), clock, hostname());
        }
        return LineSink.NONE;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void close() throws IOException {
        for (LineSink sink : sinks.values()) {
            sink.close();
        }
    }
}
