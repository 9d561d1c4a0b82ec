package org.smtpgw.mailets.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.notify.Notifications;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.MessageScanner;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.engine.ScanEngine;
import org.smtpgw.scanner.filter.MaskFilter;
import org.smtpgw.scanner.filter.ObjectFilter;
import org.smtpgw.scanner.model.MessageVerdict;

/**
 * Scans the message for viruses and leaves the verdict on the mail as attributes ({@link VerdictAttributes}): every
 * object (MIME part, attached message, archive entry, ...) with its status and virus names, the set of statuses, the
 * group. The message itself is not changed; {@code ActOnObjects}, {@code Block}, {@code Quarantine},
 * {@code Backup}, {@code Notify} and {@code VirusHeaders} act on the verdict.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.scan.Scan">
 *   <group>policy</group>                         <!-- name put on the verdict; default policy -->
 *   <!-- engine: shared by every Scan mailet with the same engine parameters -->
 *   <engine>builtin</engine>                      <!-- builtin (default) | clamd -->
 *   <databasePath>/var/lib/smtpgw/bases</databasePath>          <!-- builtin: required -->
 *   <trustedKeys>/etc/smtpgw/vendor.pub</trustedKeys>           <!-- builtin: required, comma-separated -->
 *   <clamdHost>127.0.0.1</clamdHost>              <!-- clamd: default 127.0.0.1 -->
 *   <clamdPort>3310</clamdPort>                   <!-- clamd: default 3310 -->
 *   <clamdSocket>/run/clamav/clamd.ctl</clamdSocket> <!-- clamd: instead of host and port -->
 *   <clamdConnectTimeout>5</clamdConnectTimeout>  <!-- seconds, 1..600, default 5 -->
 *   <clamdReadTimeout>30</clamdReadTimeout>       <!-- seconds, 1..3600, below scanTimeout; default 30 or half of scanTimeout -->
 *   <antiviralSessions>10</antiviralSessions>     <!-- messages scanned at once, 1..1024, default 10; the same
 *                                                      value in every Scan mailet of the engine -->
 *   <useIChecker>true</useIChecker>               <!-- skip objects already found clean; default true -->
 *   <iCheckerFile>/var/lib/smtpgw/ichecker.db</iCheckerFile> <!-- keep that cache across restarts; default memory -->
 *   <!-- this group's scan -->
 *   <includeByName>*.exe,*.com</includeByName>    <!-- filter: objects caught get status filtered -->
 *   <excludeByName>setup.exe</excludeByName>
 *   <includeByMime>application/x-msdownload</includeByMime>
 *   <excludeByMime></excludeByMime>
 *   <scanArchives>true</scanArchives>             <!-- default true -->
 *   <scanMailBases>true</scanMailBases>           <!-- default true -->
 *   <cure>false</cure>                            <!-- try to disinfect; default false -->
 *   <scanTimeout>60</scanTimeout>                 <!-- seconds per object, 0 = none, default 60 -->
 *   <!-- fail closed -->
 *   <retryDelay>60</retryDelay>                   <!-- seconds, 1..86400, default 60 -->
 *   <outageNotifyAddress>postmaster@example.com</outageNotifyAddress> <!-- optional -->
 *   <outageNotifyFrom>smtpgw@example.com</outageNotifyFrom>           <!-- default: the postmaster -->
 *   <outageNotifyProcessor>transport</outageNotifyProcessor>          <!-- default transport -->
 *   <hostname>gw1.example.com</hostname>          <!-- the gateway named in the notice; default this host's name -->
 * </mailet>
 * }</pre>
 *
 * <h2>Fail closed</h2>
 * When the engine cannot scan at all (clamd unreachable, no database in service, the anti-virus task stopped with
 * {@code smtpgwctl avir-off}, see {@link GatewayTasks}) the mail is
 * neither passed on nor given status {@code error}: a copy goes back into the spool queue with a delay of
 * {@code retryDelay}, in the processor it came from, so that it comes back to this mailet; the mail itself is
 * ghosted. It keeps coming back until the engine scans again. {@code outageNotifyAddress} is told once when the
 * outage starts (not once per mail); the notice goes straight to {@code outageNotifyProcessor}, so it is not held up
 * by the scan it reports on.
 *
 * <h2>Errors</h2>
 * A part that cannot be decoded or unpacked, or whose scan times out, is an object with status {@code error}. An
 * unexpected exception goes to James' {@code onMailetException} handling (the {@code error} processor by default).
 * Bad parameters stop the server at start.
 */
public class Scan extends GenericMailet {
    public static final String GROUP = "group";
    public static final String ENGINE = "engine";
    public static final String DATABASE_PATH = "databasePath";
    public static final String TRUSTED_KEYS = "trustedKeys";
    public static final String CLAMD_HOST = "clamdHost";
    public static final String CLAMD_PORT = "clamdPort";
    public static final String CLAMD_SOCKET = "clamdSocket";
    public static final String CLAMD_CONNECT_TIMEOUT = "clamdConnectTimeout";
    public static final String CLAMD_READ_TIMEOUT = "clamdReadTimeout";
    public static final String INCLUDE_BY_NAME = "includeByName";
    public static final String EXCLUDE_BY_NAME = "excludeByName";
    public static final String INCLUDE_BY_MIME = "includeByMime";
    public static final String EXCLUDE_BY_MIME = "excludeByMime";
    public static final String SCAN_ARCHIVES = "scanArchives";
    public static final String SCAN_MAIL_BASES = "scanMailBases";
    public static final String CURE = "cure";
    public static final String SCAN_TIMEOUT = "scanTimeout";
    public static final String RETRY_DELAY = "retryDelay";
    public static final String ANTIVIRAL_SESSIONS = "antiviralSessions";
    public static final String USE_ICHECKER = "useIChecker";
    public static final String ICHECKER_FILE = "iCheckerFile";
    public static final String OUTAGE_NOTIFY_ADDRESS = "outageNotifyAddress";
    public static final String OUTAGE_NOTIFY_FROM = "outageNotifyFrom";
    public static final String OUTAGE_NOTIFY_PROCESSOR = "outageNotifyProcessor";
    public static final String HOSTNAME = "hostname";

    public static final String DEFAULT_GROUP = "policy";
    public static final String DEFAULT_CLAMD_HOST = "127.0.0.1";
    public static final int DEFAULT_CLAMD_PORT = 3310;
    public static final long DEFAULT_CLAMD_CONNECT_TIMEOUT_SECONDS = 5;
    public static final long DEFAULT_CLAMD_READ_TIMEOUT_SECONDS = 30;
    public static final long DEFAULT_SCAN_TIMEOUT_SECONDS = 60;
    public static final long DEFAULT_RETRY_DELAY_SECONDS = 60;
    public static final int DEFAULT_ANTIVIRAL_SESSIONS = 10;
    public static final String DEFAULT_OUTAGE_NOTIFY_PROCESSOR = "transport";

    /** Why mail waits while the administrator has stopped the anti-virus task ({@code avir-off}). */
    static final String ANTIVIRUS_STOPPED = "the anti-virus task is stopped (smtpgwctl avir-off); smtpgwctl avir-on"
        + " starts it again";
    private static final Logger LOGGER = LoggerFactory.getLogger(Scan.class);
    private static final Set<String> PARAMETERS = Set.of(GROUP, ENGINE, DATABASE_PATH, TRUSTED_KEYS, CLAMD_HOST,
        CLAMD_PORT, CLAMD_SOCKET, CLAMD_CONNECT_TIMEOUT, CLAMD_READ_TIMEOUT, INCLUDE_BY_NAME, EXCLUDE_BY_NAME,
        INCLUDE_BY_MIME, EXCLUDE_BY_MIME, SCAN_ARCHIVES, SCAN_MAIL_BASES, CURE, SCAN_TIMEOUT, RETRY_DELAY,
        OUTAGE_NOTIFY_ADDRESS, OUTAGE_NOTIFY_FROM, OUTAGE_NOTIFY_PROCESSOR, ANTIVIRAL_SESSIONS, USE_ICHECKER,
        ICHECKER_FILE, HOSTNAME);

    /** The parsed parameters. */
    record Config(String group, EngineSpec engine, ObjectFilter filter, boolean scanArchives, boolean scanMailBases,
                  boolean cure, Duration scanTimeout, Duration retryDelay, Optional<MailAddress> outageNotifyAddress,
                  Optional<MailAddress> outageNotifyFrom, String outageNotifyProcessor, int antiviralSessions,
                  boolean useIChecker, Optional<Path> iCheckerFile, String hostname) {
    }

    private final GatewayStatistics statistics;
    private final ScanEngineRegistry registry;
    private final GatewayTasks tasks;
    private Config config;
    private MessageScanner scanner;
    private Semaphore sessions;

    @Inject
    public Scan(ScanEngineRegistry registry, GatewayStatistics statistics, GatewayTasks tasks) {
        this.registry = registry;
        this.statistics = statistics;
        this.tasks = tasks;
    }

    /** With task states of its own (the anti-virus task always runs): for tests and use without Guice. */
    public Scan(ScanEngineRegistry registry, GatewayStatistics statistics) {
        this(registry, statistics, new GatewayTasks(new GatewayStatistics()));
    }

    /** With statistics of its own, which nothing reads: for tests and use without Guice. */
    public Scan(ScanEngineRegistry registry) {
        this(registry, new GatewayStatistics());
    }

    /** For use without Guice: an engine registry of its own (engines are then not shared with other mailets). */
    public Scan() {
        this(new ScanEngineRegistry());
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(PARAMETERS);
        config = parse(new MailetParameters(getMailetConfig()));
        ScanEngine engine;
        try {
            engine = registry.engine(config.engine());
        } catch (IllegalArgumentException e) {
            String which = config.engine().kind().equals(EngineSpec.BUILTIN) ? TRUSTED_KEYS
                : CLAMD_HOST + "/" + CLAMD_PORT + "/" + CLAMD_SOCKET;
            throw new MailetException(getMailetName() + ": parameter " + which + ": " + e.getMessage(), e);
        }
        try {
            sessions = registry.sessions(config.engine(), config.antiviralSessions());
        } catch (IllegalArgumentException e) {
            throw new MailetException(getMailetName() + ": parameter " + ANTIVIRAL_SESSIONS + ": " + e.getMessage(), e);
        }
        MessageScanner.Builder builder = MessageScanner.builder(engine)
            .filter(config.filter())
            .scanArchives(config.scanArchives())
            .scanMailBases(config.scanMailBases())
            .cure(config.cure())
            .scanTimeout(config.scanTimeout());
        if (config.useIChecker()) {
            builder.cache(registry.cache(config.engine(), config.iCheckerFile()));
        }
        scanner = builder.build();
    }

    @Override
    public void destroy() {
        registry.flushCaches(true);
    }

    static Config parse(MailetParameters parameters) throws MessagingException {
        String group = parameters.string(GROUP, DEFAULT_GROUP);
        if (group.isEmpty()) {
            throw parameters.error(GROUP, "is empty; expected a group name (default " + DEFAULT_GROUP + ")");
        }
        String kind = parameters.oneOf(ENGINE, EngineSpec.BUILTIN, Set.of(EngineSpec.BUILTIN, EngineSpec.CLAMD));
        Duration scanTimeout = parameters.seconds(SCAN_TIMEOUT, DEFAULT_SCAN_TIMEOUT_SECONDS, 0, 3600);
        EngineSpec engine;
        if (kind.equals(EngineSpec.BUILTIN)) {
            Path database = Path.of(parameters.required(DATABASE_PATH, "the directory of the signed signature database"));
            List<Path> keys = parameters.list(TRUSTED_KEYS).stream().map(Path::of).toList();
            if (keys.isEmpty()) {
                throw parameters.error(TRUSTED_KEYS, "is required with the built-in engine; expected a comma-separated"
                    + " list of PEM public key files whose signature on the database is accepted");
            }
            engine = EngineSpec.builtin(database, keys);
        } else {
            engine = new EngineSpec(EngineSpec.CLAMD, Optional.empty(), List.of(),
                parameters.string(CLAMD_HOST, DEFAULT_CLAMD_HOST),
                (int) parameters.longInRange(CLAMD_PORT, DEFAULT_CLAMD_PORT, 1, 65535),
                parameters.optional(CLAMD_SOCKET).filter(value -> !value.isEmpty()).map(Path::of),
                parameters.seconds(CLAMD_CONNECT_TIMEOUT, DEFAULT_CLAMD_CONNECT_TIMEOUT_SECONDS, 1, 600),
                clamdReadTimeout(parameters, scanTimeout));
        }
        ObjectFilter filter = new ObjectFilter(
            maskFilter(parameters, INCLUDE_BY_NAME, EXCLUDE_BY_NAME),
            maskFilter(parameters, INCLUDE_BY_MIME, EXCLUDE_BY_MIME));
        return new Config(group, engine, filter,
            parameters.bool(SCAN_ARCHIVES, true),
            parameters.bool(SCAN_MAIL_BASES, true),
            parameters.bool(CURE, false),
            scanTimeout,
            parameters.seconds(RETRY_DELAY, DEFAULT_RETRY_DELAY_SECONDS, 1, 86400),
            address(parameters, OUTAGE_NOTIFY_ADDRESS),
            address(parameters, OUTAGE_NOTIFY_FROM),
            parameters.string(OUTAGE_NOTIFY_PROCESSOR, DEFAULT_OUTAGE_NOTIFY_PROCESSOR),
            (int) parameters.longInRange(ANTIVIRAL_SESSIONS, DEFAULT_ANTIVIRAL_SESSIONS, 1, 1024),
            parameters.bool(USE_ICHECKER, true),
            parameters.optional(ICHECKER_FILE).filter(value -> !value.isEmpty()).map(Path::of),
            parameters.optional(HOSTNAME).filter(value -> !value.isEmpty()).orElseGet(Notifications::localHostName));
    }

    /**
     * A clamd that goes silent is an outage, so its read timeout must fire before the per-object scan timeout:
     * otherwise the scan timeout would mark the objects {@code error} and the mail would go on instead of waiting
     * for the engine (fail closed).
     */
    static Duration clamdReadTimeout(MailetParameters parameters, Duration scanTimeout) throws MailetException {
        if (parameters.optional(CLAMD_READ_TIMEOUT).isEmpty()) {
            long seconds = DEFAULT_CLAMD_READ_TIMEOUT_SECONDS;
            if (!scanTimeout.isZero()) {
                seconds = Math.max(1, Math.min(seconds, scanTimeout.toSeconds() / 2));
            }
            return Duration.ofSeconds(seconds);
        }
        Duration readTimeout = parameters.seconds(CLAMD_READ_TIMEOUT, DEFAULT_CLAMD_READ_TIMEOUT_SECONDS, 1, 3600);
        if (!scanTimeout.isZero() && readTimeout.compareTo(scanTimeout) >= 0) {
            throw parameters.error(CLAMD_READ_TIMEOUT, "<" + CLAMD_READ_TIMEOUT + ">" + readTimeout.toSeconds() + "</"
                + CLAMD_READ_TIMEOUT + "> must be shorter than " + SCAN_TIMEOUT + " (" + scanTimeout.toSeconds()
                + " s), so that a silent clamd holds the mail instead of marking its objects error");
        }
        return readTimeout;
    }

    private static MaskFilter maskFilter(MailetParameters parameters, String include, String exclude)
        throws MailetException {
        for (String name : List.of(include, exclude)) {
            try {
                MaskFilter.of(parameters.list(name), List.of());
            } catch (IllegalArgumentException e) {
                throw parameters.error(name, "has an invalid mask: " + e.getMessage());
            }
        }
        return MaskFilter.of(parameters.list(include), parameters.list(exclude));
    }

    static Optional<MailAddress> address(MailetParameters parameters, String name) throws MailetException {
        Optional<String> value = parameters.optional(name).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailAddress(value.get()));
        } catch (javax.mail.internet.AddressException e) {
            throw parameters.error(name, "<" + name + ">" + value.get() + "</" + name + "> is not a mail address: "
                + e.getMessage());
        }
    }

    Config config() {
        return config;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!tasks.isRunning(GatewayTasks.Task.ANTIVIRUS)) {
            // avir-off: the engine counts as unavailable, so the mail waits exactly as in an outage (fail closed).
            waitForEngine(mail, new EngineUnavailableException(ANTIVIRUS_STOPPED));
            return;
        }
        byte[] rfc822 = MessageBytes.of(mail.getMessage());
        MessageVerdict verdict;
        try {
            sessions.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for a free anti-virus session", e);
        }
        try (InputStream in = new java.io.ByteArrayInputStream(rfc822);
             GatewayStatistics.LevelHold session = statistics.scanSession()) {
            verdict = scanner.scan(in);
        } catch (EngineUnavailableException e) {
            waitForEngine(mail, e);
            return;
        } catch (IOException e) {
            throw new MessagingException("cannot read message " + mail.getName() + ": " + e.getMessage(), e);
        } finally {
            sessions.release();
        }
        registry.flushCaches(false);
        if (registry.outageEnded(config.engine())) {
            LOGGER.warn("{} scans again; mail held during the outage is being scanned", config.engine().describe());
        }
        ScanEngine engine = scanner.engine();
        VerdictAttributes.store(mail, verdict, config.group(), engine.name() + " " + engine.databaseVersion());
        LOGGER.debug("{}: scanned for group {}: {}", mail.getName(), config.group(), verdict.statuses());
    }

    private void waitForEngine(Mail mail, EngineUnavailableException cause) throws MessagingException {
        Mail retry = mail.duplicate();
        getMailetContext().sendMail(retry, mail.getState(), config.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        mail.setState(Mail.GHOST);
        LOGGER.warn("{}: not scanned, the engine is unavailable ({}); back in the queue for {} s", mail.getName(),
            cause.getMessage(), config.retryDelay().toSeconds());
        if (registry.outageStarted(config.engine())) {
            LOGGER.error("{} is unavailable: {}; mail waits in the queue until it is back", config.engine().describe(),
                cause.getMessage());
            notifyOutage(cause);
        }
    }

    private void notifyOutage(EngineUnavailableException cause) {
        if (config.outageNotifyAddress().isEmpty()) {
            return;
        }
        try {
            MailAddress from = config.outageNotifyFrom().orElse(getMailetContext().getPostmaster());
            String host = config.hostname();
            MimeMessage notice = Notifications.newMessage(from, List.of(config.outageNotifyAddress().get()),
                "Anti-virus engine unavailable on " + host + ": mail is waiting",
                "The anti-virus engine of the mail gateway " + host + " cannot scan:\n\n  "
                    + config.engine().describe() + "\n  " + Notifications.sanitizeLine(cause.getMessage()) + "\n\n"
                    + "Incoming mail is not delivered unscanned: it waits in the spool queue and is tried again every "
                    + config.retryDelay().toSeconds() + " seconds until the engine is back.\n"
                    + "This notice is sent once per outage.\n",
                Notifications.KIND_ENGINE_UNAVAILABLE);
            getMailetContext().sendMail(from, List.of(config.outageNotifyAddress().get()), notice,
                config.outageNotifyProcessor());
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("cannot send the engine outage notice to {}: {}", config.outageNotifyAddress().get(), e.getMessage(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Scans the message and stores the verdict as mail attributes";
    }
}
