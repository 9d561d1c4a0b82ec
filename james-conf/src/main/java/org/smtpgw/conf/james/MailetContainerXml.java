package org.smtpgw.conf.james;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.smtpgw.conf.GatewayConfig;
import org.smtpgw.conf.model.AvStatisticsTarget;
import org.smtpgw.conf.model.AveSettings;
import org.smtpgw.conf.model.ClamdAddress;
import org.smtpgw.conf.model.ForwardRoute;
import org.smtpgw.conf.model.GroupPolicy;
import org.smtpgw.conf.model.ObjectStatus;
import org.smtpgw.conf.model.Timeouts;
import org.w3c.dom.Element;

/**
 * {@code mailetcontainer.xml}: processors root, groups, one per group, transport, bounces, relayed and error,
 * as in DESIGN.md's flow. Each group processor runs the anti-virus pipeline of docs/mailets.md: Scan,
 * ActOnObjects, Backup, Notify (admin, sender, recipients), Quarantine, Block, VirusHeaders, then transport; the
 * event log lines (LogEvent) are written where LogEvent's Javadoc says; every RemoteDelivery hands its delivered
 * copies to a {@code delivered...} processor that counts them as sent and writes the DELIVERED lines. The statistics
 * mailets (docs/statistics.md) count received mail in root, scan results, blocked mail and AVStatistics lines in
 * each group, notifications in transport, sent mail in the {@code delivered...} processors and DSNs in bounces and
 * relayed.
 */
final class MailetContainerXml {

    static final String ERROR_REPOSITORY = "file://var/mail/error/";
    static final String ROUTE_MATCHER = "org.smtpgw.matchers.RecipientDomainMatches";
    static final String IN_GROUP = "org.smtpgw.matchers.InGroup";
    static final String HAS_STATUS = "org.smtpgw.matchers.HasStatus";
    static final String IS_MALFORMED = "org.smtpgw.matchers.IsMalformed";
    /** The attribute IsMalformed puts on the mail it matches (its reasons). */
    static final String MALFORMED_ATTRIBUTE = "smtpgwMalformed";
    /** Where DropMalformedMail=true keeps malformed mail: apart from the quarantine, as it is released differently. */
    static final String MALFORMED_REPOSITORY = "file://var/mail/malformed/";
    /** The composite matcher in root: IsMalformed, for the mail received (not the DSNs the gateway makes). */
    static final String MALFORMED_RECEIVED = "IsMalformedReceived";
    static final String SCAN = "org.smtpgw.mailets.scan.Scan";
    static final String ACT_ON_OBJECTS = "org.smtpgw.mailets.objects.ActOnObjects";
    static final String BACKUP = "org.smtpgw.mailets.message.Backup";
    static final String QUARANTINE = "org.smtpgw.mailets.message.Quarantine";
    static final String BLOCK = "org.smtpgw.mailets.message.Block";
    static final String NOTIFY = "org.smtpgw.mailets.notify.Notify";
    static final String VIRUS_HEADERS = "org.smtpgw.mailets.headers.VirusHeaders";
    static final String LOG_EVENT = "org.smtpgw.mailets.eventlog.LogEvent";
    static final String REMOVE_OWN_RECEIVED = "org.smtpgw.mailets.headers.RemoveOwnReceived";
    static final String COUNT_MESSAGES = "org.smtpgw.mailets.stats.CountMessages";
    static final String COUNT_SCAN_RESULTS = "org.smtpgw.mailets.stats.CountScanResults";
    static final String INCREMENT_COUNTER = "org.smtpgw.mailets.stats.IncrementCounter";
    static final String WRITE_AV_STATISTICS = "org.smtpgw.mailets.stats.WriteAvStatistics";
    /** James' RemoteDelivery through the gateway's transport: session limits, phase timeouts, sender switch. */
    static final String REMOTE_DELIVERY = "org.smtpgw.mailets.delivery.GatewayRemoteDelivery";
    /**
     * Put on a mail just before DSNBounce, which copies the mail's attributes into the DSN it sends to root: root
     * then does not count the DSN as received. No dots: James cannot read dotted mailet parameter names, and
     * SetMailAttribute takes the attribute name as one.
     */
    static final String GENERATED_DSN = "smtpgwGeneratedDsn";
    static final String NOTIFICATION_HEADER = "X-Smtpgw-Notification";
    static final String RELAYED_TEXT = "This is the mail gateway at [machine].\n"
        + "Your message was handed over to the next mail server for the recipients below.\n"
        + "You asked to be told of successful delivery; the next server may not report further.\n";

    private MailetContainerXml() {
    }

    static String render(GatewayConfig c, MxLookup mx, String header) {
        Xml x = Xml.document("mailetcontainer");
        x.headerComment(header);
        x.root().setAttribute("enableJmx", "true");
        Element context = x.add(x.root(), "context");
        x.add(context, "postmaster", c.network().postmaster());
        Element spooler = x.add(x.root(), "spooler");
        x.comment(spooler, "AntiviralSessions: messages processed at the same time");
        x.add(spooler, "threads", c.limits().antiviralSessions());
        x.add(spooler, "errorRepository", ERROR_REPOSITORY);
        Element processors = x.add(x.root(), "processors");
        root(x, processor(x, processors, "root"), c);
        error(x, processor(x, processors, "error"));
        groups(x, processor(x, processors, "groups"), c);
        for (GroupPolicy g : c.allGroups()) {
            group(x, processor(x, processors, g.processorName()), c, g);
        }
        Map<String, String> delivered = transport(x, processor(x, processors, "transport"), c, mx);
        delivered.forEach((state, server) -> delivered(x, processor(x, processors, state), c, server));
        bounces(x, processor(x, processors, "bounces"), c);
        if (c.options().dsnOnRelaying()) {
            relayed(x, processor(x, processors, "relayed"), c);
        }
        return x.render();
    }

    private static void root(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "statistics: every message accepted over SMTP is received; the DSNs this gateway makes come"
            + " back here too (James sends them to root), marked " + GENERATED_DSN + ", and are not");
        x.add(invertedMailet(x, p, "HasMailAttribute=" + GENERATED_DSN, COUNT_MESSAGES), "direction", "received");
        int relayLimit = c.limits().maximalIncomingHops() + 2;
        x.comment(p, "Second guard against mail loops: HopLimitHook already refuses more than "
            + c.limits().maximalIncomingHops() + " Received headers at SMTP; RelayLimit=" + relayLimit
            + " allows for the header James adds. Kept in the error repository, never dropped.");
        Element loop = mailet(x, p, "RelayLimit=" + relayLimit, "ToProcessor");
        x.add(loop, "processor", "error");
        x.add(loop, "notice", "Too many hops (more than " + c.limits().maximalIncomingHops() + " Received headers)");
        new EventLog(x, c).event(p, "All", "RECEIVED");
        c.paths().incomingArchive().ifPresent(url -> {
            Element archive = mailet(x, p, "All", "ToRepository");
            x.add(archive, "repositoryPath", url);
            x.add(archive, "passThrough", "true");
        });
        malformed(x, p, c);
        x.comment(p, "the DSN mark has served (received count, malformed check): it does not travel on");
        x.add(mailet(x, p, "HasMailAttribute=" + GENERATED_DSN, "RemoveMailAttribute"), "name", GENERATED_DSN);
        if (!c.options().prependReceived()) {
            x.comment(p, "PrependReceived=false: the Received header James' SMTP server added goes, after the"
                + " RECEIVED event and the incoming archive, which keep the message as received");
            x.add(mailet(x, p, "All", REMOVE_OWN_RECEIVED), "hostname", c.network().hostname());
        }
        x.add(mailet(x, p, "All", "ToProcessor"), "processor", "groups");
    }

    /**
     * Malformed mail (docs/mailets.md, "Malformed mail"): checked as received, so before any mailet that changes the
     * message, and after the RECEIVED event and the incoming archive, which keep it whatever happens next.
     */
    private static void malformed(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "malformed mail: every message received that breaks the RFCs is counted, whatever"
            + " DropMalformedMail says; IsMalformed records why in the mail attribute " + MALFORMED_ATTRIBUTE
            + ". The DSNs this gateway makes are not checked: " + MALFORMED_RECEIVED + " stops at its first matcher"
            + " for them (James' And stops at the first matcher that matches nothing)");
        Element received = x.add(p, "matcher");
        received.setAttribute("name", MALFORMED_RECEIVED);
        received.setAttribute("match", "org.apache.james.mailetcontainer.impl.matchers.And");
        x.add(received, "matcher").setAttribute("notmatch", "HasMailAttribute=" + GENERATED_DSN);
        x.add(received, "matcher").setAttribute("match", IS_MALFORMED + "=all");
        x.add(mailet(x, p, MALFORMED_RECEIVED, INCREMENT_COUNTER), "counter", "mta_malformed_messages_received");
        if (!c.options().dropMalformedMail()) {
            x.comment(p, "DropMalformedMail=false: malformed mail goes on as received (the reasons are in the James log)");
            return;
        }
        String malformed = "HasMailAttribute=" + MALFORMED_ATTRIBUTE;
        x.comment(p, "DropMalformedMail=true: malformed mail is not delivered: a BLOCKED event, then it is kept in "
            + MALFORMED_REPOSITORY + " (WebAdmin var%2Fmail%2Fmalformed%2F; release it to processor groups, so that"
            + " it is scanned)");
        new EventLog(x, c).event(p, malformed, "BLOCKED");
        Element keep = mailet(x, p, malformed, "ToRepository");
        x.add(keep, "repositoryPath", MALFORMED_REPOSITORY);
        x.add(keep, "passThrough", "false");
    }

    private static void error(Xml x, Element p) {
        x.add(mailet(x, p, "All", "ToRepository"), "repositoryPath", ERROR_REPOSITORY);
    }

    private static void groups(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "One InGroup matcher per [smtpgw.group:NAME], in file order: it returns only the recipients whose"
            + " (sender, recipient) pair is in the group, so James splits the mail; the rest goes to group-default.");
        for (GroupPolicy g : c.groups()) {
            x.comment(p, "group " + g.name() + ": Senders=" + String.join(",", g.senders()) + " Recipients="
                + String.join(",", g.recipients()));
            Element m = mailet(x, p, IN_GROUP + "=" + String.join(",", g.senders()) + ";"
                + String.join(",", g.recipients()), "ToProcessor");
            x.add(m, "processor", g.processorName());
        }
        x.add(mailet(x, p, "All", "ToProcessor"), "processor", c.policy().processorName());
    }

    private static void group(Xml x, Element p, GatewayConfig c, GroupPolicy g) {
        EventLog log = new EventLog(x, c);
        log.event(p, "All", "SPLITTED");
        if (!g.check()) {
            x.comment(p, "Check=false: delivered without scanning");
            virusHeaders(x, p, c);
            x.add(mailet(x, p, "All", "ToProcessor"), "processor", "transport");
            return;
        }
        scan(x, mailet(x, p, "All", SCAN), c, g);
        log.event(p, "All", "SCANNED");
        avStatistics(x, p, c);
        Element act = mailet(x, p, "All", ACT_ON_OBJECTS);
        for (ObjectStatus s : ObjectStatus.values()) {
            x.add(act, "action" + capitalized(s.keyword()), g.actions().get(s).keyword());
        }
        x.add(act, "placeholderTemplate", shown(c, g.placeholderTemplate()));
        x.add(act, "hostname", c.network().hostname());
        x.comment(p, "statistics: this group's copy of the mail, its objects by status, modified or not");
        mailet(x, p, "All", COUNT_SCAN_RESULTS);
        if (!g.backupStatus().isEmpty()) {
            Element backup = mailet(x, p, "All", BACKUP);
            x.add(backup, "statuses", statuses(g.backupStatus()));
            x.add(backup, "repositoryUrl", g.backupRepository());
        }
        notify(x, p, c, "admin", g.notifyAdmin(), g, g.notifyAdminTemplate());
        notify(x, p, c, "sender", g.notifySender(), g, g.notifySenderTemplate());
        notify(x, p, c, "recipients", g.notifyRecipient(), g, g.notifyRecipientTemplate());
        Set<ObjectStatus> stopping = EnumSet.noneOf(ObjectStatus.class);
        stopping.addAll(g.quarantineStatus());
        stopping.addAll(g.blockMessage());
        if (!stopping.isEmpty()) {
            log.event(p, HAS_STATUS + "=" + statuses(stopping), "BLOCKED");
            x.add(mailet(x, p, HAS_STATUS + "=" + statuses(stopping), INCREMENT_COUNTER), "counter",
                "antiviral_checked_messages_blocked");
        }
        if (!g.quarantineStatus().isEmpty()) {
            Element quarantine = mailet(x, p, "All", QUARANTINE);
            x.add(quarantine, "statuses", statuses(g.quarantineStatus()));
            x.add(quarantine, "repositoryUrl", g.quarantineRepository());
        }
        if (!g.blockMessage().isEmpty()) {
            x.add(mailet(x, p, "All", BLOCK), "statuses", statuses(g.blockMessage()));
        }
        virusHeaders(x, p, c);
        x.add(mailet(x, p, "All", "ToProcessor"), "processor", "transport");
    }

    private static void scan(Xml x, Element m, GatewayConfig c, GroupPolicy g) {
        AveSettings ave = c.ave();
        x.add(m, "group", g.name());
        x.add(m, "engine", ave.engine());
        if (ave.engine().equals(AveSettings.CLAMD)) {
            ClamdAddress a = ave.clamdAddress();
            if (a.socket().isPresent()) {
                x.add(m, "clamdSocket", a.socket().get());
            } else {
                x.add(m, "clamdHost", a.host());
                x.add(m, "clamdPort", a.port());
            }
        } else {
            x.add(m, "databasePath", shown(c, c.path().basesPath()));
            x.add(m, "trustedKeys", ave.trustedKeys().stream().map(k -> shown(c, k)).collect(Collectors.joining(",")));
        }
        x.add(m, "antiviralSessions", c.limits().antiviralSessions());
        x.add(m, "useIChecker", ave.useIChecker());
        if (ave.useIChecker()) {
            x.add(m, "iCheckerFile", shown(c, c.options().icheckerDbFilename()));
        }
        filter(x, m, "includeByName", g.includeByName(), true);
        filter(x, m, "excludeByName", g.excludeByName(), false);
        filter(x, m, "includeByMime", g.includeByMime(), true);
        filter(x, m, "excludeByMime", g.excludeByMime(), false);
        x.add(m, "scanArchives", ave.scanArchives());
        x.add(m, "scanMailBases", ave.scanMailBases());
        x.add(m, "cure", ave.cure());
        x.add(m, "scanTimeout", ave.scanTimeoutSeconds());
        x.add(m, "retryDelay", ave.engineRetryDelaySeconds());
        x.add(m, "outageNotifyAddress", g.adminNotifyAddress());
        x.add(m, "outageNotifyFrom", g.notifyFromAddress());
        x.add(m, "hostname", c.network().hostname());
    }

    /** AVStatistics: one line per scanned copy, to the socket or file the configuration names. */
    private static void avStatistics(Xml x, Element p, GatewayConfig c) {
        String target = c.options().avStatistics();
        if (target.isEmpty()) {
            return;
        }
        Element m = mailet(x, p, "All", WRITE_AV_STATISTICS);
        if (AvStatisticsTarget.isSocket(target)) {
            x.add(m, "socket", target);
        } else {
            x.add(m, "file", shown(c, c.home().resolve(target)));
        }
    }

    /** An include list of just {@code *} (the manual's default) filters nothing: see IncludeByName's meaning. */
    private static void filter(Xml x, Element m, String name, List<String> masks, boolean include) {
        if (masks.isEmpty() || (include && masks.equals(List.of("*")))) {
            return;
        }
        x.add(m, name, String.join(",", masks));
    }

    private static void notify(Xml x, Element p, GatewayConfig c, String to, Set<ObjectStatus> when, GroupPolicy g,
                               Path template) {
        if (when.isEmpty()) {
            return;
        }
        Element n = mailet(x, p, "All", NOTIFY);
        x.add(n, "to", to);
        x.add(n, "statuses", statuses(when));
        x.add(n, "from", g.notifyFromAddress());
        if (to.equals("admin")) {
            x.add(n, "adminAddress", g.adminNotifyAddress());
            x.add(n, "attachOriginal", g.notifyAdminAttachOriginal());
        }
        x.add(n, "template", shown(c, template));
        x.add(n, "hostname", c.network().hostname());
    }

    private static void virusHeaders(Xml x, Element p, GatewayConfig c) {
        if (c.options().addVirusHeaders()) {
            x.add(mailet(x, p, "All", VIRUS_HEADERS), "hostname", c.network().hostname());
        }
    }

    /** In the order of the enum; all six are written {@code all}. */
    static String statuses(Set<ObjectStatus> set) {
        if (set.size() == ObjectStatus.values().length) {
            return "all";
        }
        return Arrays.stream(ObjectStatus.values()).filter(set::contains).map(ObjectStatus::keyword)
            .collect(Collectors.joining(","));
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Paths inside the home are written relative to it: James' working directory is the home. */
    static String shown(GatewayConfig c, Path p) {
        Path home = c.home().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(home) && !abs.equals(home) ? home.relativize(abs).toString().replace('\\', '/')
            : abs.toString();
    }

    /** LogEvent mailets writing to LogFilename; none when LogFilename is empty. */
    private record EventLog(Xml x, GatewayConfig c) {
        /** {@code extra}: further parameter name, value pairs. */
        void event(Element p, String match, String event, String... extra) {
            String file = c.options().logFilename();
            if (file.isEmpty()) {
                return;
            }
            Element m = mailet(x, p, match, LOG_EVENT);
            x.add(m, "event", event);
            x.add(m, "logFile", file);
            x.add(m, "logLevel", c.options().logLevel());
            x.add(m, "dateFormat", c.locale().dateFormat());
            x.add(m, "timeFormat", c.locale().timeFormat());
            for (int i = 0; i < extra.length; i += 2) {
                x.add(m, extra[i], extra[i + 1]);
            }
        }
    }

    /** Returns the onSuccess processors to create (state to the server named in their DELIVERED lines). */
    private static Map<String, String> transport(Xml x, Element p, GatewayConfig c, MxLookup mx) {
        Map<String, String> delivered = new LinkedHashMap<>();
        x.comment(p, "Mandatory: a Bcc header never leaves the gateway");
        x.add(mailet(x, p, "All", "RemoveMimeHeader"), "name", "bcc");
        c.paths().outgoingArchive().ifPresent(url -> {
            Element archive = mailet(x, p, "All", "ToRepository");
            x.add(archive, "repositoryPath", url);
            x.add(archive, "passThrough", "true");
        });
        new EventLog(x, c).event(p, "HasHeader=" + NOTIFICATION_HEADER, "NOTIFY");
        x.comment(p, "statistics: anti-virus notifications, once each, before any route splits them");
        for (String kind : List.of("admin", "sender", "recipients")) {
            x.add(mailet(x, p, "HasHeader=" + NOTIFICATION_HEADER + "=" + kind, INCREMENT_COUNTER), "counter",
                "antiviral_notifications_generated_for_" + kind);
        }
        x.comment(p, "statistics: one routing query per mail that reaches the routing table");
        x.add(mailet(x, p, "All", INCREMENT_COUNTER), "counter", "mta_routing_queries_total");
        RetrySchedule schedule = RetrySchedule.of(c.timeouts());
        for (ForwardRoute r : c.routes()) {
            String gateway;
            if (r.viaMx()) {
                List<String> hosts = mx.mxHosts(r.host());
                List<String> targets = hosts.isEmpty() ? List.of(r.host()) : hosts;
                gateway = targets.stream().map(h -> h + ":25").collect(Collectors.joining(","));
                x.comment(p, "route " + r.number() + ": " + r.domainMask() + " " + r.target() + " = MX of " + r.host()
                    + (hosts.isEmpty() ? ", none found when generated: its own address"
                    : ", looked up when generated: " + String.join(", ", hosts)));
            } else {
                gateway = r.host() + ":" + r.portOrDefault();
                x.comment(p, "route " + r.number() + ": " + r.domainMask() + " " + r.target());
            }
            Element d = mailet(x, p, ROUTE_MATCHER + "=" + r.domainMask(), REMOTE_DELIVERY);
            x.add(d, "outgoing", "outgoing-route-" + r.number());
            x.add(d, "gateway", gateway);
            x.add(d, "loadBalancing", "false");
            String onSuccess = "delivered-route-" + r.number();
            delivered.put(onSuccess, gateway);
            deliveryParameters(x, d, c, schedule, onSuccess);
        }
        x.comment(p, "everything else: by the recipient domain's MX");
        Element d = mailet(x, p, "All", REMOTE_DELIVERY);
        x.add(d, "outgoing", "outgoing");
        delivered.put("delivered", "-");
        deliveryParameters(x, d, c, schedule, "delivered");
        return delivered;
    }

    /** RemoteDelivery hands a copy of each delivered mail here: counted, the DELIVERED line, then the relayed DSN. */
    private static void delivered(Xml x, Element p, GatewayConfig c, String server) {
        x.comment(p, "copies of delivered mail (with the recipients delivered): counted as sent; with LogFilename,"
            + " a DELIVERED event log line (server = the route's gateway, - for MX)");
        x.add(mailet(x, p, "All", COUNT_MESSAGES), "direction", "sent");
        new EventLog(x, c).event(p, "All", "DELIVERED", "status", "sent", "server", server);
        if (c.options().dsnOnRelaying()) {
            x.add(mailet(x, p, "All", "ToProcessor"), "processor", "relayed");
        } else {
            mailet(x, p, "All", "Null");
        }
    }

    private static void deliveryParameters(Xml x, Element d, GatewayConfig c, RetrySchedule schedule,
                                           String onSuccess) {
        Objects.requireNonNull(onSuccess, "onSuccess");
        x.add(d, "delayTime", schedule.delayTime());
        x.add(d, "maxRetries", schedule.maxRetries());
        Timeouts t = c.timeouts();
        x.add(d, "connectiontimeout", t.sendingInitialTimeout() * 1000L);
        x.add(d, "timeout", t.sendingReplyTimeout() * 1000L);
        // GatewayRemoteDelivery's transport: session limits shared by every RemoteDelivery, a read timeout per SMTP
        // phase, the unreachable hosts cache and the sender task switch (its Javadoc lists the parameters)
        x.add(d, "mail.smtp.writetimeout", t.writeTimeout() * 1000L);
        x.add(d, "mail.smtpgw.outgoingSessions", c.limits().outgoingSessions());
        x.add(d, "mail.smtpgw.outgoingSessionsPerHost", c.limits().maximalOutgoingSessionsPerHost());
        x.add(d, "mail.smtpgw.unreachableCachePeriod", unreachablePeriod(t));
        x.add(d, "mail.smtpgw.greetingTimeout", t.sendingInitialTimeout() * 1000L);
        x.add(d, "mail.smtpgw.helloTimeout", t.sendingHelloTimeout() * 1000L);
        x.add(d, "mail.smtpgw.mailTimeout", t.sendingMailTimeout() * 1000L);
        x.add(d, "mail.smtpgw.rcptTimeout", t.sendingRcptTimeout() * 1000L);
        x.add(d, "mail.smtpgw.dataInitiationTimeout", t.sendingDataInitiationTimeout() * 1000L);
        x.add(d, "mail.smtpgw.dataTerminationTimeout", t.sendingDataTerminationTimeout() * 1000L);
        x.add(d, "mail.smtpgw.quitTimeout", t.sendingQuitTimeout() * 1000L);
        x.add(d, "sendpartial", "true");
        x.add(d, "heloName", c.network().hostname());
        x.add(d, "bounceProcessor", "bounces");
        x.add(d, "onSuccess", onSuccess);
    }

    /**
     * UnreachableCacheRefreshPeriod; with a test retry schedule (TestRetryDelays) no longer than its shortest delay, or
     * every retry of the test would find the host still marked unreachable.
     */
    static int unreachablePeriod(Timeouts t) {
        int period = t.unreachableCacheRefreshPeriod();
        return t.testRetryDelays().map(delays -> Math.min(period, delays.stream().mapToInt(Integer::intValue).min()
            .orElse(period))).orElse(period);
    }

    private static void bounces(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "failed deliveries: DSN to the sender (never to the null sender), text from DSNTemplate");
        new EventLog(x, c).event(p, "All", "DELIVERED", "status", "failed");
        x.comment(p, "statistics: a DSN is made for every mail with a sender; it goes to root marked " + GENERATED_DSN);
        x.add(invertedMailet(x, p, "SenderIsNull", INCREMENT_COUNTER), "counter", "mta_dsn_messages_generated");
        x.add(mailet(x, p, "All", "SetMailAttribute"), GENERATED_DSN, "true");
        Element dsn = mailet(x, p, "All", "DSNBounce");
        x.add(dsn, "passThrough", "false");
        x.add(dsn, "attachment", c.options().dsnEntireMessage() ? "message" : "heads");
        if (!c.options().dsnTemplateText().isBlank()) {
            x.add(dsn, "messageString", withHostname(c.options().dsnTemplateText(), c));
        }
    }

    private static void relayed(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "DSNOnRelaying: a 'relayed' DSN for the recipients whose sender asked NOTIFY=SUCCESS; none to"
            + " the null sender");
        mailet(x, p, "SenderIsNull", "Null");
        x.add(mailet(x, p, "DSNSuccessRequested", INCREMENT_COUNTER), "counter", "mta_dsn_messages_generated");
        x.add(mailet(x, p, "All", "SetMailAttribute"), GENERATED_DSN, "true");
        Element dsn = mailet(x, p, "DSNSuccessRequested", "DSNBounce");
        x.add(dsn, "action", "relayed");
        x.add(dsn, "defaultStatus", "2.0.0");
        x.add(dsn, "attachment", "none");
        x.add(dsn, "passThrough", "false");
        x.add(dsn, "messageString", withHostname(RELAYED_TEXT, c));
        x.comment(p, "this copy was already delivered: nothing more to do");
        mailet(x, p, "All", "Null");
    }

    /** DSNBounce would put the system's host name for [machine]; the gateway's name is Hostname. */
    private static String withHostname(String text, GatewayConfig c) {
        return text.replace("[machine]", c.network().hostname());
    }

    private static Element processor(Xml x, Element processors, String state) {
        Element p = x.add(processors, "processor");
        p.setAttribute("state", state);
        p.setAttribute("enableJmx", "true");
        return p;
    }

    /** A mailet for the mails the matcher does NOT match. */
    private static Element invertedMailet(Xml x, Element processor, String notMatch, String className) {
        Element m = x.add(processor, "mailet");
        m.setAttribute("notmatch", notMatch);
        m.setAttribute("class", className);
        return m;
    }

    private static Element mailet(Xml x, Element processor, String match, String className) {
        Element m = x.add(processor, "mailet");
        m.setAttribute("match", match);
        m.setAttribute("class", className);
        return m;
    }
}
