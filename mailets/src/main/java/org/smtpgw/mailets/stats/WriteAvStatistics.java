package org.smtpgw.mailets.stats;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.mailets.eventlog.LineSink;
import org.smtpgw.mailets.eventlog.LogLevel;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.matchers.verdict.VerdictAttributes;

/**
 * Writes one {@code AVStatistics} line (manual A.12, layout in {@link AvStatisticsLine}) per scanned mail to a file
 * or a TCP socket. The mail goes on unchanged; a mail without a verdict gets no line.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.stats.WriteAvStatistics">
 *   <socket>127.0.0.1:7777</socket>     <!-- HOST:PORT of a TCP socket; or instead: -->
 *   <!-- <file>var/log/avstat.log</file>  a file, appended to -->
 *   <!-- exactly one of socket and file is required -->
 *   <maxRecipients>10</maxRecipients>   <!-- recipients listed before +N; 1..1000, default 10 -->
 *   <queueSize>10000</queueSize>        <!-- socket: lines waiting to be sent; 1..1000000, default 10000 -->
 *   <connectTimeout>5</connectTimeout>  <!-- socket: seconds, 1..60, default 5 -->
 *   <retryInterval>10</retryInterval>   <!-- socket: seconds between connection attempts, 1..3600, default 10 -->
 * </mailet>
 * }</pre>
 *
 * <p>Place it after {@code Scan} in each group processor. A socket is written by a background thread: when the
 * statistics server is down or slow, lines are dropped (the manual: "the information ... will not be logged") and
 * the mail flow is not slowed. A file is appended to directly; a line that cannot be written is dropped and the
 * failure logged once. A verdict attribute that cannot be read (set by something else than {@code Scan}) gives no
 * line and a warning; the mail goes on.
 */
public class WriteAvStatistics extends GenericMailet {
    public static final String SOCKET = "socket";
    public static final String FILE = "file";
    public static final String MAX_RECIPIENTS = "maxRecipients";
    public static final String QUEUE_SIZE = "queueSize";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String RETRY_INTERVAL = "retryInterval";

    private static final Logger LOGGER = LoggerFactory.getLogger(WriteAvStatistics.class);

    private final AvStatisticsRegistry registry;
    private final Clock clock;
    private final AtomicBoolean failing = new AtomicBoolean();
    private LineSink sink;
    private int maxRecipients;

    @Inject
    public WriteAvStatistics(AvStatisticsRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public WriteAvStatistics(AvStatisticsRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(SOCKET, FILE, MAX_RECIPIENTS, QUEUE_SIZE, CONNECT_TIMEOUT, RETRY_INTERVAL));
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        AvStatisticsTarget target = target(parameters);
        maxRecipients = (int) parameters.longInRange(MAX_RECIPIENTS, 10, 1, 1000);
        AvStatisticsRegistry.SocketSettings settings = new AvStatisticsRegistry.SocketSettings(
            (int) parameters.longInRange(QUEUE_SIZE, 10000, 1, 1_000_000),
            parameters.seconds(CONNECT_TIMEOUT, 5, 1, 60),
            parameters.seconds(RETRY_INTERVAL, 10, 1, 3600));
        sink = registry.sink(target, settings);
    }

    private AvStatisticsTarget target(MailetParameters parameters) throws MessagingException {
        String socket = getInitParameter(SOCKET, "").trim();
        String file = getInitParameter(FILE, "").trim();
        if (socket.isEmpty() == file.isEmpty()) {
            throw new MessagingException(getMailetName() + ": give exactly one of <" + SOCKET + ">HOST:PORT</"
                + SOCKET + "> and <" + FILE + ">PATH</" + FILE + ">");
        }
        String name = socket.isEmpty() ? FILE : SOCKET;
        try {
            return socket.isEmpty() ? AvStatisticsTarget.file(file) : AvStatisticsTarget.socket(socket);
        } catch (IllegalArgumentException e) {
            throw parameters.error(name, e.getMessage());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<ScanResult> result;
        try {
            result = VerdictAttributes.read(mail);
        } catch (IllegalStateException e) {
            LOGGER.warn("{}: no AVStatistics line for {}: {}", getMailetName(), mail.getName(), e.getMessage());
            return;
        }
        if (result.isEmpty()) {
            return;
        }
        String line = AvStatisticsLine.of(mail, result.get(), clock.instant(), maxRecipients);
        try {
            sink.write(LogLevel.ACTIVITY, line);
            if (failing.compareAndSet(true, false)) {
                LOGGER.warn("{}: AVStatistics {} is written again", getMailetName(), sink);
            }
        } catch (IOException | RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOGGER.warn("{}: cannot write AVStatistics to {}: {}; lines are dropped until it works again",
                    getMailetName(), sink, e.toString());
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Writes one AVStatistics line per scanned mail to a file or a TCP socket";
    }
}
