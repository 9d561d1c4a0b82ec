package org.smtpgw.mailets.eventlog;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.matchers.verdict.VerdictAttributes;

/**
 * Writes one of the manual's event log lines (appendix A.13) about the mail to the gateway's event log, and lets the
 * mail go on. Every {@code LogEvent} with the same {@code logFile} writes through one shared writer
 * ({@link EventLogRegistry}).
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.eventlog.LogEvent">
 *   <event>RECEIVED</event>              <!-- RECEIVED | SCANNED | SPLITTED | NOTIFY | DELIVERED | BLOCKED; required -->
 *   <logFile>/var/log/smtpgw/smtpgw.log</logFile> <!-- LogFilename: a file, syslog, syslog:HOST:PORT, or empty
 *                                                      for no log; default empty -->
 *   <logLevel>4</logLevel>               <!-- LogLevel 1..9; default 4 -->
 *   <dateFormat>%d/%m/%y</dateFormat>    <!-- [locale] DateFormat, strftime; default %d/%m/%y -->
 *   <timeFormat>%H:%M:%S</timeFormat>    <!-- [locale] TimeFormat, strftime; default %H:%M:%S -->
 *   <level>A</level>                     <!-- this line's level: F, E, W, I, A or D; default A (activity, 4) -->
 *   <status>sent</status>                <!-- DELIVERED only: sent | failed; default sent -->
 *   <server>10.0.0.5</server>            <!-- DELIVERED only: the next hop, when known; default - -->
 *   <passThrough>true</passThrough>      <!-- false ghosts the mail after logging; default true -->
 * </mailet>
 * }</pre>
 *
 * <h2>Where each event goes</h2>
 * <ul>
 *   <li>{@code RECEIVED}: first in {@code root}. {@code helo} and the {@code E} flag are read from the Received
 *       header James put on top; {@code D} when the client asked for DSNs.</li>
 *   <li>{@code SPLITTED}: first in each group processor. Written only for a copy James made when the group matcher
 *       split the recipients (a mail whose recipients all fell into one group was not split).</li>
 *   <li>{@code SCANNED}: after {@code Scan} (after {@code ActOnObjects} makes no difference). A mail without a
 *       verdict gets no line.</li>
 *   <li>{@code BLOCKED}: one line per recipient, in front of {@code Block}/{@code Quarantine} with the same statuses
 *       as matcher ({@code HasStatus=infected}).</li>
 *   <li>{@code NOTIFY}: on the notification itself, in {@code transport}, matched by
 *       {@code HasHeader=X-Smtpgw-Notification}.</li>
 *   <li>{@code DELIVERED}: one line per recipient, in the processors RemoteDelivery's {@code onSuccess}
 *       ({@code status=sent}) and {@code bounceProcessor} ({@code status=failed}) name. James does not tell which host
 *       accepted the mail, so {@code server} is what this parameter says (the route's gateway), or {@code -}.</li>
 * </ul>
 * All lines are at level {@code A} (activity, 4) unless {@code level} says otherwise: {@code LogLevel=3} keeps the
 * log to errors, warnings and notices.
 */
public class LogEvent extends GenericMailet {
    public static final String EVENT = "event";
    public static final String LOG_FILE = "logFile";
    public static final String LOG_LEVEL = "logLevel";
    public static final String DATE_FORMAT = "dateFormat";
    public static final String TIME_FORMAT = "timeFormat";
    public static final String LEVEL = "level";
    public static final String STATUS = "status";
    public static final String SERVER = "server";
    public static final String PASS_THROUGH = "passThrough";

    public static final String STATUS_SENT = "sent";
    public static final String STATUS_FAILED = "failed";

    private static final Logger LOGGER = LoggerFactory.getLogger(LogEvent.class);
    private static final Set<String> PARAMETERS = Set.of(EVENT, LOG_FILE, LOG_LEVEL, DATE_FORMAT, TIME_FORMAT, LEVEL,
        STATUS, SERVER, PASS_THROUGH);

    /** The events of the manual's A.13. */
    public enum Event { RECEIVED, SCANNED, SPLITTED, NOTIFY, DELIVERED, BLOCKED }

    /** The parsed parameters. */
    record Config(Event event, EventLogSettings settings, LogLevel level, boolean sent, String server,
                  boolean passThrough) {
    }

    private final EventLogRegistry registry;
    private Config config;
    private EventLog eventLog;

    @Inject
    public LogEvent(EventLogRegistry registry) {
        this.registry = registry;
    }

    /** For use without Guice: a registry of its own (the writer is then not shared with other mailets). */
    public LogEvent() {
        this(new EventLogRegistry());
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(PARAMETERS);
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        String eventName = parameters.required(EVENT, "one of RECEIVED, SCANNED, SPLITTED, NOTIFY, DELIVERED, BLOCKED");
        Event event;
        try {
            event = Event.valueOf(eventName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw parameters.error(EVENT, "<" + EVENT + ">" + eventName + "</" + EVENT + "> is not an event; expected"
                + " one of RECEIVED, SCANNED, SPLITTED, NOTIFY, DELIVERED, BLOCKED");
        }
        String levelName = parameters.string(LEVEL, "A");
        LogLevel level = LogLevel.parse(levelName).orElseThrow(() -> parameters.error(LEVEL, "<" + LEVEL + ">"
            + levelName + "</" + LEVEL + "> is not a level; expected F, E, W, I, A or D (default A)"));
        String status = parameters.oneOf(STATUS, STATUS_SENT, Set.of(STATUS_SENT, STATUS_FAILED));
        config = new Config(event, settings(parameters), level, status.equals(STATUS_SENT),
            parameters.string(SERVER, EventLines.UNKNOWN), parameters.bool(PASS_THROUGH, true));
        eventLog = registry.eventLog(config.settings());
        if (config.settings().target().isEmpty()) {
            LOGGER.info("{}: <{}> is empty, {} lines are not logged", getMailetName(), LOG_FILE, event);
        }
    }

    /** Reads {@code logFile}, {@code logLevel}, {@code dateFormat} and {@code timeFormat}. */
    static EventLogSettings settings(MailetParameters parameters) throws MailetException {
        int logLevel = (int) parameters.longInRange(LOG_LEVEL, LogLevel.DEFAULT, LogLevel.MIN, LogLevel.MAX);
        String dateFormat = parameters.string(DATE_FORMAT, EventLogSettings.DEFAULT_DATE_FORMAT);
        String timeFormat = parameters.string(TIME_FORMAT, EventLogSettings.DEFAULT_TIME_FORMAT);
        checkFormat(parameters, DATE_FORMAT, dateFormat);
        checkFormat(parameters, TIME_FORMAT, timeFormat);
        try {
            return new EventLogSettings(parameters.string(LOG_FILE, ""), logLevel, dateFormat, timeFormat);
        } catch (IllegalArgumentException e) {
            throw parameters.error(LOG_FILE, e.getMessage());
        }
    }

    private static void checkFormat(MailetParameters parameters, String name, String format) throws MailetException {
        try {
            Strftime.formatter(format);
        } catch (IllegalArgumentException e) {
            throw parameters.error(name, e.getMessage());
        }
    }

    Config config() {
        return config;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (eventLog.isEnabled(config.level())) {
            log(mail);
        }
        if (!config.passThrough()) {
            mail.setState(Mail.GHOST);
        }
    }

    private void log(Mail mail) throws MessagingException {
        switch (config.event()) {
            case RECEIVED -> write(mail, EventLines.received(mail));
            case SCANNED -> {
                Optional<ScanResult> result = VerdictAttributes.read(mail);
                if (result.isPresent()) {
                    write(mail, EventLines.scanned(mail, result.get()));
                }
            }
            case SPLITTED -> {
                if (EventLines.isSplitCopy(mail)) {
                    write(mail, EventLines.splitted(mail));
                }
            }
            case NOTIFY -> write(mail, EventLines.notify(mail));
            case DELIVERED -> {
                for (MailAddress recipient : mail.getRecipients()) {
                    write(mail, EventLines.delivered(mail, recipient, config.server(), config.sent()));
                }
            }
            case BLOCKED -> {
                for (MailAddress recipient : mail.getRecipients()) {
                    write(mail, EventLines.blocked(mail, recipient));
                }
            }
        }
    }

    private void write(Mail mail, String text) {
        eventLog.log(config.level(), mail.getName(), text);
    }

    @Override
    public String getMailetInfo() {
        return "Writes a line of the gateway's event log";
    }
}
