package org.smtpgw.mailets.eventlog;

import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's event log (manual 6.6 and A.13): lines {@code [date time L] envelope-id: MESSAGE} for the actions on
 * a message and {@code [date time L]: MESSAGE} for everything else, written when their level is within the configured
 * {@code LogLevel}. Thread-safe; get instances from {@link EventLogRegistry} so that every mailet writing to the same
 * place shares one writer.
 *
 * <p>A line that cannot be written (disk full, directory gone) is lost rather than holding up mail: the failure is
 * reported once to the server log (SLF4J, WARN) and again when writing works again.
 */
public final class EventLog {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventLog.class);

    private final EventLogSettings settings;
    private final LineSink sink;
    private final Clock clock;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;
    private final AtomicBoolean failing = new AtomicBoolean();

    public EventLog(EventLogSettings settings, LineSink sink, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        this.date = Strftime.formatter(settings.dateFormat());
        this.time = Strftime.formatter(settings.timeFormat());
    }

    public EventLogSettings settings() {
        return settings;
    }

    /** Whether lines of this level are written at all (saves building them). */
    public boolean isEnabled(LogLevel level) {
        return sink != LineSink.NONE && (level == LogLevel.FATAL || level.isWrittenAt(settings.level()));
    }

    /** A line about an action on a message: {@code [date time L] envelope-id: message}. */
    public void log(LogLevel level, String envelopeId, String message) {
        write(level, envelopeId + ": " + message, true);
    }

    /** Any other line: {@code [date time L]: message}. */
    public void log(LogLevel level, String message) {
        write(level, message, false);
    }

    private void write(LogLevel level, String text, boolean forMessage) {
        if (!isEnabled(level)) {
            return;
        }
        String line = prefix(level) + (forMessage ? " " : ": ") + oneLine(text);
        try {
            sink.write(level, line);
            if (failing.compareAndSet(true, false)) {
                LOGGER.warn("event log {} is written again", sink);
            }
        } catch (IOException | RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOGGER.warn("cannot write the event log to {}: {}; lines are lost until it works again", sink,
                    e.toString());
            }
        }
    }

    /** {@code [date time L]}. */
    String prefix(LogLevel level) {
        var now = clock.instant().atZone(clock.getZone());
        return "[" + date.format(now) + " " + time.format(now) + " " + level.letter() + "]";
    }

    /** A CR or LF in a value taken from a message (a subject, a HELO name) cannot start a forged line. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c == '\r' || c == '\n' || Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
