package org.smtpgw.conf;

import static org.smtpgw.conf.ConfSection.ACCESS;
import static org.smtpgw.conf.ConfSection.ADMIN;
import static org.smtpgw.conf.ConfSection.AVE;
import static org.smtpgw.conf.ConfSection.FORWARD;
import static org.smtpgw.conf.ConfSection.GROUP;
import static org.smtpgw.conf.ConfSection.LIMITS;
import static org.smtpgw.conf.ConfSection.LOCALE;
import static org.smtpgw.conf.ConfSection.NETWORK;
import static org.smtpgw.conf.ConfSection.OPTIONS;
import static org.smtpgw.conf.ConfSection.POLICY;
import static org.smtpgw.conf.ConfSection.SMTPGW_PATH;
import static org.smtpgw.conf.ConfSection.TIMEOUTS;
import static org.smtpgw.conf.ConfSection.UPDATER_OPTIONS;
import static org.smtpgw.conf.ConfSection.UPDATER_PATH;
import static org.smtpgw.conf.ConfSection.UPDATER_REPORT;
import static org.smtpgw.conf.ValueType.ACCESS_RULE;
import static org.smtpgw.conf.ValueType.ACTION;
import static org.smtpgw.conf.ValueType.ADDRESS_MASKS;
import static org.smtpgw.conf.ValueType.BOOLEAN;
import static org.smtpgw.conf.ValueType.DELAYS;
import static org.smtpgw.conf.ValueType.DOMAIN_MASKS;
import static org.smtpgw.conf.ValueType.EMAIL;
import static org.smtpgw.conf.ValueType.INTEGER;
import static org.smtpgw.conf.ValueType.LISTEN_ADDRESS;
import static org.smtpgw.conf.ValueType.LOG_TARGET;
import static org.smtpgw.conf.ValueType.MIME_MASKS;
import static org.smtpgw.conf.ValueType.NAME_MASKS;
import static org.smtpgw.conf.ValueType.REPOSITORY;
import static org.smtpgw.conf.ValueType.STATS_TARGET;
import static org.smtpgw.conf.ValueType.STATUSES;
import static org.smtpgw.conf.ValueType.STRFTIME;
import static org.smtpgw.conf.ValueType.TEMPLATE;
import static org.smtpgw.conf.ValueType.TEXT;
import static org.smtpgw.conf.ValueType.URL_OR_PATH;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one reference list of {@code smtpgw.conf} parameters (in the spirit of Postfix's {@code postconf.proto}):
 * section, canonical name, accepted aliases, type, range, default, whether required, what it means and which
 * James setting it becomes. The validator and the generator read their rules from here, and a test checks that
 * {@code docs/configuration.md} documents exactly these rows.
 *
 * <p>Keys and section names are case-insensitive. Parameters of {@link ConfSection#POLICY} may also be given in
 * every {@code [smtpgw.group:NAME]} section, where they are optional (omitted ones come from the policy).
 */
public enum Parameter {
    // [path]
    BASES_PATH(p(ConfSection.PATH, "BasesPath", ValueType.PATH).required()
        .meaning("Directory of the anti-virus signature database.")
        .james("Scan service (smtpgw mailets); not a James setting.")),
    LICENSE_PATH(p(ConfSection.PATH, "LicensePath", ValueType.PATH).required()
        .meaning("Directory of the licence keys (active and backup key).")
        .james("Licence service; not a James setting.")),
    // [locale]
    DATE_FORMAT(p(LOCALE, "DateFormat", STRFTIME).def("%d/%m/%y")
        .meaning("strftime format of dates in logs and notifications.")
        .james("Event log of the smtpgw mailets.")),
    TIME_FORMAT(p(LOCALE, "TimeFormat", STRFTIME).def("%H:%M:%S")
        .meaning("strftime format of times in logs and notifications (e.g. %I:%M:%S %p for 12-hour time).")
        .james("Event log of the smtpgw mailets.")),
    // [smtpgw.access]
    DENY_UNRESOLVED_CONNECT(p(ACCESS, "DenyUnresolvedConnect", BOOLEAN).def("false")
        .meaning("Refuse clients whose IP address has no reverse DNS (PTR) name.")
        .james("smtpserver.xml handler DenyUnresolvedConnectHandler (only when true).")),
    DENY_UNRESOLVED_MAILFROM(p(ACCESS, "DenyUnresolvedMailfrom", BOOLEAN).def("false")
        .meaning("Refuse MAIL FROM addresses whose domain has neither an MX nor an A record (the null sender is accepted).")
        .james("smtpserver.xml handler DenyUnresolvedMailFromHook (only when true).")),
    RULE(p(ACCESS, "Rule", ACCESS_RULE).repeatable()
        .meaning("Relay rules, one per line, in order: the first rule matching the client address and the recipient"
            + " domain decides; no matching rule means deny (550 5.7.1 at RCPT TO). Addresses: x.x.x.x,"
            + " x.x.x.x/y.y.y.y, x.x.x.x/n or any; domain masks with * and ?, or any.")
        .james("smtpserver.xml handler AccessRulesHook, one <rule> per Rule, in file order.")),
    // [smtpgw.ave]
    CURE(p(AVE, "Cure", BOOLEAN).def("false")
        .meaning("Try to disinfect infected objects.")
        .james("Scan mailet parameter.")),
    SCAN_ARCHIVES(p(AVE, "ScanArchives", BOOLEAN).def("true")
        .meaning("Scan inside archives.")
        .james("Scan mailet parameter.")),
    SCAN_MAIL_BASES(p(AVE, "ScanMailBases", BOOLEAN).def("true")
        .meaning("Scan inside mailboxes and mail databases (mbox files and the like).")
        .james("Scan mailet parameter.")),
    SCAN_TIMEOUT(p(AVE, "ScanTimeout", INTEGER).range(0, 3600).def("300")
        .meaning("Seconds one object may be scanned; an object that takes longer gets the status error. 0 means no limit.")
        .james("Scan service.")),
    USE_ICHECKER(p(AVE, "UseIChecker", BOOLEAN).def("true")
        .meaning("Skip objects already found clean (cache of ICheckerDBFilename).")
        .james("Scan service.")),
    ENGINE(p(AVE, "Engine", ValueType.ENGINE).def("builtin").extension()
        .meaning("Which engine scans: builtin (the signed database of BasesPath, checked with TrustedKeys) or clamd"
            + " (a running ClamAV daemon at ClamdAddress). One engine serves every group.")
        .james("Scan mailet <engine>; with builtin <databasePath> (BasesPath) and <trustedKeys>.")),
    TRUSTED_KEYS(p(AVE, "TrustedKeys", ValueType.PATHS).def("conf/trusted-keys/starter.pub").extension()
        .meaning("PEM Ed25519 public keys (comma-separated files) whose signature is accepted on the database;"
            + " a database signed by no other key is refused. Required by the builtin engine.")
        .james("Scan mailet <trustedKeys>.")),
    CLAMD_ADDRESS(p(AVE, "ClamdAddress", ValueType.CLAMD_ADDRESS).def("127.0.0.1:3310").extension()
        .meaning("Where clamd listens (Engine=clamd): host:port, or the absolute path of its Unix socket.")
        .james("Scan mailet <clamdHost>/<clamdPort>, or <clamdSocket>.")),
    ENGINE_RETRY_DELAY(p(AVE, "EngineRetryDelay", INTEGER).range(1, 86400).def("60").extension()
        .meaning("Seconds a message waits in the queue before it is tried again when the engine cannot scan at all"
            + " (clamd down, no database in service, scanning switched off). Such a message is never delivered"
            + " unscanned nor given the status error; AdminNotifyAddress is told once per outage.")
        .james("Scan mailet <retryDelay>; each retry also waits for James' queue to re-read delayed mail (about 10 s).")),
    // [smtpgw.forward]
    FORWARD_ROUTE(p(FORWARD, "ForwardRoute", ValueType.FORWARD_ROUTE).repeatable().alsoIn(NETWORK)
        .meaning("Routing table, one route per line: recipients whose domain matches DOMAIN_MASK are sent to the"
            + " host in brackets; the first matching route wins; recipients matching none go to their domain's MX."
            + " [1.2.3.4] or [1.2.3.4:port] or [host:port] is that host; [domain] without a port is that domain's MX.")
        .james("mailetcontainer.xml, processor transport: one RemoteDelivery per route, matched by"
            + " org.smtpgw.matchers.RecipientDomainMatches, gateway=host:port, own outgoing queue outgoing-route-N.")),
    // [smtpgw.limits]
    ANTIVIRAL_SESSIONS(p(LIMITS, "AntiviralSessions", INTEGER).range(10, 1024).def("10")
        .meaning("Number of messages processed (scanned) at the same time.")
        .james("mailetcontainer.xml <spooler><threads>; scan service concurrency.")),
    INCOMING_SESSIONS(p(LIMITS, "IncomingSessions", INTEGER).range(1, 1024).def("100")
        .meaning("Maximum number of simultaneous SMTP client connections.")
        .james("smtpserver.xml <connectionLimit>.")),
    OUTGOING_SESSIONS(p(LIMITS, "OutgoingSessions", INTEGER).range(1, 1024).def("20")
        .meaning("Maximum number of simultaneous outgoing SMTP connections.")
        .james("GatewayRemoteDelivery <mail.smtpgw.outgoingSessions>: open connections of all deliveries together; a delivery waits for a free one.")),
    MAXIMAL_INCOMING_HOPS(p(LIMITS, "MaximalIncomingHops", INTEGER).range(1, 100).def("20")
        .meaning("Maximum number of Received headers of an incoming message; more is refused as a mail loop (554 5.4.6).")
        .james("smtpserver.xml handler HopLimitHook <maxHops>; root processor RelayLimit=N+2 as a second guard.")),
    MAXIMAL_INCOMING_MESSAGE_SIZE(p(LIMITS, "MaximalIncomingMessageSize", INTEGER).range(64, 204800).def("10240")
        .meaning("Maximum size of one message, in KB; advertised by EHLO SIZE.")
        .james("smtpserver.xml <maxmessagesize> (KB).")),
    MAXIMAL_INCOMING_MESSAGES_PER_SESSION(p(LIMITS, "MaximalIncomingMessagesPerSession", INTEGER).range(1, 1024).def("100")
        .meaning("Maximum number of messages in one SMTP session (the next MAIL FROM is refused with 452 4.5.3).")
        .james("smtpserver.xml handler MessagesPerSessionHook <maxMessages>.")),
    MAXIMAL_INCOMING_RCPTS_PER_MESSAGE(p(LIMITS, "MaximalIncomingRcptsPerMessage", INTEGER).range(1, 1024).def("100")
        .meaning("Maximum number of recipients of one message (further RCPT TO are refused).")
        .james("smtpserver.xml handler org.apache.james.smtpserver.fastfail.MaxRcptHandler <maxRcpt>.")),
    MAXIMAL_INCOMING_SESSION_SIZE(p(LIMITS, "MaximalIncomingSessionSize", INTEGER).range(64, 2048000).def("10240")
        .meaning("Maximum total size, in KB, of the messages accepted in one SMTP session (552 5.3.4 for the message that crosses it).")
        .james("smtpserver.xml handler SessionSizeHook <maxBytes> (KB * 1024).")),
    MAXIMAL_INCOMING_SESSIONS_PER_IP(p(LIMITS, "MaximalIncomingSessionsPerIP", INTEGER).range(1, 1024).def("4")
        .alias("MaximalIncomingSessionsPerlP")
        .meaning("Maximum number of simultaneous connections from one client IP address.")
        .james("smtpserver.xml <connectionLimitPerIP>.")),
    MAXIMAL_OUTGOING_SESSIONS_PER_HOST(p(LIMITS, "MaximalOutgoingSessionsPerHost", INTEGER).range(1, 1024).def("4")
        .meaning("Maximum number of simultaneous connections to one destination host.")
        .james("GatewayRemoteDelivery <mail.smtpgw.outgoingSessionsPerHost>: per destination address and port (route gateway or MX host address); a delivery waits for a free one.")),
    // [smtpgw.network]
    LISTEN_ON(p(NETWORK, "ListenOn", LISTEN_ADDRESS).repeatable().def("0.0.0.0:25")
        .meaning("Address and port to accept SMTP on; repeat the line for several interfaces. The port defaults to 25.")
        .james("smtpserver.xml <bind> (comma-separated list, one SMTP server).")),
    HOSTNAME(p(NETWORK, "Hostname", ValueType.HOSTNAME).required()
        .meaning("Name of this gateway: SMTP banner, EHLO name, Received headers, DSNs.")
        .james("smtpserver.xml <helloName> and <smtpGreeting>; RemoteDelivery <heloName>; domainlist.xml <defaultDomain>.")),
    POSTMASTER(p(NETWORK, "Postmaster", EMAIL).required()
        .meaning("The postmaster address (sender of DSNs).")
        .james("mailetcontainer.xml <context><postmaster>.")),
    PROTECTED_DOMAINS(p(NETWORK, "ProtectedDomains", DOMAIN_MASKS).required()
        .meaning("Domains whose mail is scanned and counted for licensing (masks with * and ?, or any).")
        .james("Scan and licence services.")),
    DNS_SERVERS(p(NETWORK, "DnsServers", ValueType.DNS_SERVERS).def("").extension()
        .meaning("DNS servers to use, each an IPv4 address with an optional :port; empty means the system's resolvers.")
        .james("dnsservice.xml <servers> (or <autodiscover>true when empty).")),
    // [smtpgw.options]
    LOG_FILENAME(p(OPTIONS, "LogFilename", LOG_TARGET).def("")
        .meaning("Event log of the gateway: a file, syslog, or empty for none.")
        .james("Event log of the smtpgw mailets.")),
    LOG_LEVEL(p(OPTIONS, "LogLevel", INTEGER).range(1, 9).def("4")
        .meaning("Detail of the logs: 1 errors, 2 warnings, 3 notices, 4 activity, 9 debug.")
        .james("logback.xml root level: 1 ERROR, 2 WARN, 3-4 INFO, 5-9 DEBUG; event log detail.")),
    STAT_FILENAME(p(OPTIONS, "StatFilename", ValueType.PATH).def("var/run/smtpgw.stat")
        .meaning("File the statistics are written to on the stats command.")
        .james("Statistics service.")),
    ICHECKER_DB_FILENAME(p(OPTIONS, "ICheckerDBFilename", ValueType.PATH).def("var/db/smtpgw.sfdb")
        .meaning("File of the iChecker cache of clean objects.")
        .james("Scan service.")),
    PREPEND_RECEIVED(p(OPTIONS, "PrependReceived", BOOLEAN).def("true")
        .meaning("Add a Received header to every message.")
        .james("James' SMTP server always adds one; false adds RemoveOwnReceived (hostname=Hostname) to processor root after the RECEIVED event and IncomingArchivePath, which removes it.")),
    DSN_TEMPLATE(p(OPTIONS, "DSNTemplate", TEMPLATE).required()
        .meaning("Text file of the human-readable part of delivery status notifications ([machine] is replaced by Hostname). Must exist.")
        .james("mailetcontainer.xml processor bounces: DSNBounce <messageString> (the file's content).")),
    DSN_ENTIRE_MESSAGE(p(OPTIONS, "DSNEntireMessage", BOOLEAN).def("false")
        .meaning("Attach the whole original message to DSNs instead of its headers (a sender's RET=HDRS/FULL wins).")
        .james("DSNBounce <attachment>message</attachment> or heads.")),
    DSN_ON_RELAYING(p(OPTIONS, "DSNOnRelaying", BOOLEAN).def("false")
        .meaning("Send a 'relayed' DSN when a message is handed to the next server, to recipients whose sender asked NOTIFY=SUCCESS.")
        .james("RemoteDelivery <onSuccess>relayed</onSuccess>; processor relayed: DSNSuccessRequested -> DSNBounce action=relayed.")),
    AV_STATISTICS(p(OPTIONS, "AVStatistics", STATS_TARGET).def("")
        .meaning("Where one statistics line per scanned message goes: a file, host:port of a TCP socket, or empty for none.")
        .james("mailetcontainer.xml: WriteAvStatistics <socket> or <file> after Scan in each group (docs/statistics.md).")),
    DROP_MALFORMED_MAIL(p(OPTIONS, "DropMalformedMail", BOOLEAN).def("false").alias("DropMailformedMail")
        .meaning("true: mail breaking the RFCs (docs/mailets.md, Malformed mail) is not delivered but kept in file://var/mail/malformed/; false: it is delivered as received. Counted either way.")
        .james("root: IsMalformed=all -> IncrementCounter mta_malformed_messages_received; with true LogEvent BLOCKED and ToRepository file://var/mail/malformed/.")),
    ADD_VIRUS_HEADERS(p(OPTIONS, "AddVirusHeaders", BOOLEAN).def("true").extension()
        .meaning("Add X-Virus-Scanned and X-Virus-Status headers to delivered messages (replacing such headers from outside).")
        .james("Scan pipeline of the smtpgw mailets.")),
    // [smtpgw.path]
    INCOMING_ARCHIVE_PATH(p(SMTPGW_PATH, "IncomingArchivePath", REPOSITORY).def("")
        .meaning("Archive of every received message; empty for none.")
        .james("ToRepository (passThrough) in processor root; a directory becomes file://DIR/.")),
    OUTGOING_ARCHIVE_PATH(p(SMTPGW_PATH, "OutgoingArchivePath", REPOSITORY).def("")
        .meaning("Archive of every sent message, notifications included; empty for none.")
        .james("ToRepository (passThrough) in processor transport.")),
    QUEUE_PATH(p(SMTPGW_PATH, "QueuePath", ValueType.PATH).required()
        .meaning("Directory of the working queue.")
        .james("Validated only: James keeps its queue in var/store/activemq under the distribution home.")),
    CONTROL_PATH(p(SMTPGW_PATH, "ControlPath", ValueType.PATH).required()
        .meaning("Directory of the control files (.c_stats and the like).")
        .james("Control service of the distribution.")),
    // [smtpgw.timeouts]
    MAXIMAL_BACKOFF_TIME(p(TIMEOUTS, "MaximalBackoffTime", INTEGER).range(60, 64800).def("21600")
        .meaning("Longest wait, in seconds, between two delivery attempts.")
        .james("RemoteDelivery <delayTime> (cap of the schedule).")),
    MINIMAL_BACKOFF_TIME(p(TIMEOUTS, "MinimalBackoffTime", INTEGER).range(64, 64800).def("1800")
        .meaning("Wait, in seconds, before the first retry; doubles at each retry up to MaximalBackoffTime.")
        .james("RemoteDelivery <delayTime> (start of the schedule).")),
    MAXIMAL_QUEUE_LIFETIME(p(TIMEOUTS, "MaximalQueueLifetime", INTEGER).range(1, 14).def("5")
        .meaning("Days a message is retried before it is given up and a failure DSN is sent.")
        .james("RemoteDelivery <maxRetries> (number of delays whose sum reaches the lifetime).")),
    MX_CACHE_REFRESH_PERIOD(p(TIMEOUTS, "MXCacheRefreshPeriod", INTEGER).range(60, 64800).def("1200")
        .meaning("Longest time DNS answers (MX, A, PTR) are cached; a shorter DNS TTL wins.")
        .james("dnsservice.xml <maxCacheSeconds> (GatewayDnsService).")),
    UNREACHABLE_CACHE_REFRESH_PERIOD(p(TIMEOUTS, "UnreachableCacheRefreshPeriod", INTEGER).range(60, 64800).def("1200")
        .meaning("Seconds an unreachable host is remembered; should be below MinimalBackoffTime.")
        .james("GatewayRemoteDelivery <mail.smtpgw.unreachableCachePeriod>: host:port whose TCP connection failed; attempts within the period fail temporarily without connecting.")),
    UNRESOLVED_CACHE_REFRESH_PERIOD(p(TIMEOUTS, "UnresolvedCacheRefreshPeriod", INTEGER).range(60, 64800).def("1200")
        .meaning("Seconds a failed DNS lookup is remembered.")
        .james("DenyUnresolved* handlers <cacheSeconds>; dnsservice.xml <negativeCacheTTL>.")),
    READ_TIMEOUT(p(TIMEOUTS, "ReadTimeout", INTEGER).range(1, 1200).def("120")
        .meaning("Seconds to wait for data from an SMTP client.")
        .james("smtpserver.xml <receivingTimeouts><read>: longest pause between reads inside a command line or the message content.")),
    WRITE_TIMEOUT(p(TIMEOUTS, "WriteTimeout", INTEGER).range(1, 1200).def("120")
        .meaning("Seconds a write to a remote server may take.")
        .james("GatewayRemoteDelivery <mail.smtp.writetimeout> (ms): each write to a remote server.")),
    RECEIVING_COMMAND_TIMEOUT(p(TIMEOUTS, "ReceivingCommandTimeout", INTEGER).range(1, 1200).def("300")
        .meaning("Seconds to wait for HELO/EHLO, MAIL, the first RCPT and QUIT from a client.")
        .james("smtpserver.xml <receivingTimeouts><command>.")),
    RECEIVING_DATA_INITIATION_TIMEOUT(p(TIMEOUTS, "ReceivingDataInitiationTimeout", INTEGER).range(1, 2400).def("600")
        .meaning("Seconds to wait for further RCPT and for DATA from a client.")
        .james("smtpserver.xml <receivingTimeouts><dataInitiation>.")),
    RECEIVING_DATA_TERMINATION_TIMEOUT(p(TIMEOUTS, "ReceivingDataTerminationTimeout", INTEGER).range(1, 7200).def("300")
        .meaning("Seconds to wait for the end of the message data from a client.")
        .james("smtpserver.xml <receivingTimeouts><dataTermination> (from the 354 reply to CRLF.CRLF).")),
    SENDING_INITIAL_TIMEOUT(p(TIMEOUTS, "SendingInitialTimeout", INTEGER).range(1, 1200).def("300")
        .meaning("Seconds to wait for a remote server to accept the connection, and then for its greeting.")
        .james("GatewayRemoteDelivery <connectiontimeout> (TCP connect) and <mail.smtpgw.greetingTimeout> (ms).")),
    SENDING_HELLO_TIMEOUT(p(TIMEOUTS, "SendingHelloTimeout", INTEGER).range(1, 1200).def("300")
        .meaning("Seconds to wait for the reply to HELO/EHLO.")
        .james("GatewayRemoteDelivery <mail.smtpgw.helloTimeout> (ms) (also STARTTLS and AUTH).")),
    SENDING_MAIL_TIMEOUT(p(TIMEOUTS, "SendingMailTimeout", INTEGER).range(1, 1200).def("300")
        .meaning("Seconds to wait for the reply to MAIL FROM.")
        .james("GatewayRemoteDelivery <mail.smtpgw.mailTimeout> (ms).")),
    SENDING_RCPT_TIMEOUT(p(TIMEOUTS, "SendingRcptTimeout", INTEGER).range(1, 1200).def("300")
        .meaning("Seconds to wait for the reply to RCPT TO.")
        .james("GatewayRemoteDelivery <mail.smtpgw.rcptTimeout> (ms).")),
    SENDING_DATA_INITIATION_TIMEOUT(p(TIMEOUTS, "SendingDataInitiationTimeout", INTEGER).range(1, 2400).def("600")
        .meaning("Seconds to wait for the reply to DATA.")
        .james("GatewayRemoteDelivery <mail.smtpgw.dataInitiationTimeout> (ms).")),
    SENDING_DATA_TERMINATION_TIMEOUT(p(TIMEOUTS, "SendingDataTerminationTimeout", INTEGER).range(1, 7200).def("300")
        .meaning("Seconds to wait for the reply to the end of the data.")
        .james("GatewayRemoteDelivery <mail.smtpgw.dataTerminationTimeout> (ms).")),
    SENDING_QUIT_TIMEOUT(p(TIMEOUTS, "SendingQuitTimeout", INTEGER).range(1, 1200).def("300")
        .meaning("Seconds to wait for the reply to QUIT.")
        .james("GatewayRemoteDelivery <mail.smtpgw.quitTimeout> (ms).")),
    TEST_RETRY_DELAYS(p(TIMEOUTS, "TestRetryDelays", DELAYS).range(1, 3600).test()
        .meaning("For testing only: retry delays in seconds (e.g. 1,1,2) that replace the schedule computed from"
            + " the backoff times and the queue lifetime; after the last one the message is given up.")
        .james("RemoteDelivery <delayTime> (these delays) and <maxRetries> (their count).")),
    // [smtpgw.policy] and [smtpgw.group:NAME]
    CHECK(p(POLICY, "Check", BOOLEAN).required()
        .meaning("Scan the group's mail; false delivers it unscanned.")
        .james("Group processor of the scanning pipeline.")),
    ADMIN_NOTIFY_ADDRESS(p(POLICY, "AdminNotifyAddress", EMAIL).required()
        .meaning("Address of the group's administrator, who receives the admin notifications.")
        .james("Notify mailet of the group.")),
    NOTIFY_FROM_ADDRESS(p(POLICY, "NotifyFromAddress", EMAIL).required().alias("NotifyFromAdress")
        .meaning("Sender address of the group's notifications.")
        .james("Notify mailet of the group.")),
    BACKUP_PATH(p(POLICY, "BackupPath", REPOSITORY).required()
        .meaning("Backup storage: directory or mail repository URL.")
        .james("ToRepository-like Backup mailet; a directory becomes file://DIR/.")),
    QUARANTINE_PATH(p(POLICY, "QuarantinePath", REPOSITORY).required()
        .meaning("Quarantine: directory or mail repository URL.")
        .james("Quarantine mailet; a directory becomes file://DIR/.")),
    INCLUDE_BY_NAME(p(POLICY, "IncludeByName", NAME_MASKS).def("*")
        .meaning("Objects whose name matches one of these masks (and no ExcludeByName mask) get the status filtered"
            + " and are not scanned. * alone (the default) filters nothing: filtering is set up by naming masks"
            + " such as *.exe, as * would keep every object from being scanned.")
        .james("Scan mailet <includeByName> (left out for *).")),
    EXCLUDE_BY_NAME(p(POLICY, "ExcludeByName", NAME_MASKS).def("")
        .meaning("Names exempted from IncludeByName.")
        .james("Scan mailet <excludeByName>.")),
    INCLUDE_BY_MIME(p(POLICY, "IncludeByMime", MIME_MASKS).def("*").alias("IncludeByType")
        .meaning("Objects whose MIME type matches one of these masks (and no ExcludeByMime mask) get the status"
            + " filtered and are not scanned. * alone (the default) filters nothing, as for IncludeByName.")
        .james("Scan mailet <includeByMime> (left out for *).")),
    EXCLUDE_BY_MIME(p(POLICY, "ExcludeByMime", MIME_MASKS).def("").alias("ExcludeByType")
        .meaning("MIME types exempted from IncludeByMime.")
        .james("Scan mailet <excludeByMime>.")),
    NOTIFY_ADMIN_TEMPLATE(p(POLICY, "NotifyAdminTemplate", TEMPLATE).required()
        .meaning("Template of the administrator's notification.")
        .james("Notify mailet of the group.")),
    NOTIFY_RECIPIENT_TEMPLATE(p(POLICY, "NotifyRecipientTemplate", TEMPLATE).required().alias("NotifyRecepientTemplate")
        .meaning("Template of the recipients' notification.")
        .james("Notify mailet of the group.")),
    NOTIFY_SENDER_TEMPLATE(p(POLICY, "NotifySenderTemplate", TEMPLATE).required()
        .meaning("Template of the sender's notification.")
        .james("Notify mailet of the group.")),
    PLACEHOLDER_TEMPLATE(p(POLICY, "PlaceholderTemplate", TEMPLATE).required()
        .meaning("Template of the text part that replaces a removed object (action placeholder).")
        .james("Placeholder mailet of the group.")),
    ACTION_DISINFECTED(p(POLICY, "ActionDisinfected", ACTION).values("cure", "pass", "remove", "placeholder").required()
        .meaning("What happens to an object that could be disinfected.")
        .james("Object action mailets of the group.")),
    ACTION_INFECTED(p(POLICY, "ActionInfected", ACTION).values("pass", "remove", "placeholder").required()
        .meaning("What happens to an infected object.")
        .james("Object action mailets of the group.")),
    ACTION_SUSPICIOUS(p(POLICY, "ActionSuspicious", ACTION).values("pass", "remove", "placeholder").required()
        .meaning("What happens to a suspicious object.")
        .james("Object action mailets of the group.")),
    ACTION_PROTECTED(p(POLICY, "ActionProtected", ACTION).values("pass", "remove", "placeholder").required()
        .meaning("What happens to a password-protected object.")
        .james("Object action mailets of the group.")),
    ACTION_ERROR(p(POLICY, "ActionError", ACTION).values("pass", "remove", "placeholder").required()
        .meaning("What happens to an object that could not be scanned (corrupted, scan error).")
        .james("Object action mailets of the group.")),
    ACTION_FILTERED(p(POLICY, "ActionFiltered", ACTION).values("cure", "pass", "remove", "placeholder").required()
        .meaning("What happens to an object filtered by name or MIME type.")
        .james("Object action mailets of the group.")),
    BLOCK_MESSAGE(p(POLICY, "BlockMessage", STATUSES).def("").issue()
        .meaning("The message is not delivered to the group's recipients when an object has one of these statuses.")
        .james("Block mailet of the group.")),
    QUARANTINE_STATUS(p(POLICY, "QuarantineStatus", STATUSES).def("").issue()
        .meaning("The original message is stored in QuarantinePath and not delivered when an object has one of these statuses.")
        .james("Quarantine mailet of the group.")),
    BACKUP_STATUS(p(POLICY, "BackupStatus", STATUSES).def("").issue()
        .meaning("A copy of the original message is stored in BackupPath (delivery goes on) when an object has one of these statuses.")
        .james("Backup mailet of the group.")),
    NOTIFY_ADMIN(p(POLICY, "NotifyAdmin", STATUSES).def("").issue()
        .meaning("Statuses that make the group's administrator notified.")
        .james("Notify mailet of the group.")),
    NOTIFY_SENDER(p(POLICY, "NotifySender", STATUSES).def("").issue()
        .meaning("Statuses that make the sender notified.")
        .james("Notify mailet of the group.")),
    NOTIFY_RECIPIENT(p(POLICY, "NotifyRecipient", STATUSES).def("").issue().alias("NotifyRecepient")
        .meaning("Statuses that make the recipients notified.")
        .james("Notify mailet of the group.")),
    NOTIFY_ADMIN_ATTACH_ORIGINAL(p(POLICY, "NotifyAdminAttachOriginal", BOOLEAN).def("false").issue()
        .meaning("Attach the unchanged original message to the administrator's notification.")
        .james("Notify mailet of the group.")),
    SENDERS(p(GROUP, "Senders", ADDRESS_MASKS).def("*@*")
        .meaning("Sender address masks of the group (a group needs Senders or Recipients).")
        .james("Group matcher of the groups processor.")),
    RECIPIENTS(p(GROUP, "Recipients", ADDRESS_MASKS).def("*@*")
        .meaning("Recipient address masks of the group (a group needs Senders or Recipients).")
        .james("Group matcher of the groups processor.")),
    // [smtpgw.admin]
    WEB_ADMIN_PORT(p(ADMIN, "WebAdminPort", INTEGER).range(0, 65535).def("8000").extension()
        .meaning("Port of James' WebAdmin, always bound to 127.0.0.1; 0 picks a free port.")
        .james("webadmin.properties port (host=127.0.0.1).")),
    JMX_PORT(p(ADMIN, "JmxPort", INTEGER).range(1, 65535).def("9999").extension()
        .meaning("Port of James' JMX (james-cli), bound to 127.0.0.1.")
        .james("jmx.properties jmx.port (jmx.address=127.0.0.1).")),
    JMX_ENABLED(p(ADMIN, "JmxEnabled", BOOLEAN).def("true").extension()
        .meaning("Start the JMX server used by james-cli.")
        .james("jmx.properties jmx.enabled.")),
    // [updater.*]
    UPDATER_BACKUP_PATH(p(UPDATER_PATH, "BackUpPath", ValueType.PATH).def("var/db/bases.backup")
        .meaning("Directory keeping the previous database after an update.")
        .james("keepup2date.")),
    UPDATE_SERVER_URL(p(UPDATER_OPTIONS, "UpdateServerUrl", URL_OR_PATH).def("")
        .meaning("Update source: an URL or a local directory.")
        .james("keepup2date.")),
    USE_UPDATE_SERVER_URL(p(UPDATER_OPTIONS, "UseUpdateServerUrl", BOOLEAN).def("false")
        .meaning("Try UpdateServerUrl first.")
        .james("keepup2date.")),
    USE_UPDATE_SERVER_URL_ONLY(p(UPDATER_OPTIONS, "UseUpdateServerUrlOnly", BOOLEAN).def("false")
        .meaning("Use only UpdateServerUrl, never the default update servers.")
        .james("keepup2date.")),
    POST_UPDATE_CMD(p(UPDATER_OPTIONS, "PostUpdateCmd", TEXT).def("").alias("PostUpdaterCmd")
        .meaning("Command run after a successful update (e.g. bin/smtpgwctl reloadbases).")
        .james("keepup2date.")),
    REGION_SETTINGS(p(UPDATER_OPTIONS, "RegionSettings", TEXT).def("")
        .meaning("Region code used to pick the nearest update server.")
        .james("keepup2date.")),
    CONNECT_TIMEOUT(p(UPDATER_OPTIONS, "ConnectTimeout", INTEGER).range(1, 600).def("20")
        .meaning("Network timeout of an update, in seconds, before the next server is tried.")
        .james("keepup2date.")),
    USE_PROXY(p(UPDATER_OPTIONS, "UseProxy", BOOLEAN).def("true")
        .meaning("Use the proxy of ProxyAddress, or else of the http_proxy environment variable.")
        .james("keepup2date.")),
    PROXY_ADDRESS(p(UPDATER_OPTIONS, "ProxyAddress", TEXT).def("")
        .meaning("Proxy as http://user:password@host:port (user and password optional).")
        .james("keepup2date.")),
    PASSIVE_FTP(p(UPDATER_OPTIONS, "PassiveFtp", BOOLEAN).def("false")
        .meaning("Use passive FTP for downloads.")
        .james("keepup2date.")),
    REPORT_FILENAME(p(UPDATER_REPORT, "ReportFilename", LOG_TARGET).def("")
        .meaning("Report file of keepup2date, or syslog; empty means TMP/keepup2date.log.")
        .james("keepup2date.")),
    REPORT_LEVEL(p(UPDATER_REPORT, "ReportLevel", INTEGER).range(1, 9).def("4")
        .meaning("Detail of the keepup2date report.")
        .james("keepup2date.")),
    APPEND(p(UPDATER_REPORT, "Append", BOOLEAN).def("true")
        .meaning("Append to the report file instead of overwriting it.")
        .james("keepup2date."));

    /** Where a parameter comes from. */
    public enum Origin {
        /** Appendix A.2 of the manual (or its chapters). */
        MANUAL,
        /** In the manual's examples, but its copy leaves the values out; defined by the project (issue 3). */
        PROJECT,
        /** An smtpgw addition not in the manual. */
        EXTENSION,
        /** For tests only. */
        TEST
    }

    private final ConfSection section;
    private final String name;
    private final List<String> aliases;
    private final List<ConfSection> alsoIn;
    private final ValueType type;
    private final Long min;
    private final Long max;
    private final String defaultValue;
    private final boolean required;
    private final boolean repeatable;
    private final List<String> allowedValues;
    private final Origin origin;
    private final String meaning;
    private final String james;

    Parameter(Spec s) {
        this.section = s.section;
        this.name = s.name;
        this.aliases = List.copyOf(s.aliases);
        this.alsoIn = List.copyOf(s.alsoIn);
        this.type = s.type;
        this.min = s.min;
        this.max = s.max;
        this.defaultValue = s.defaultValue;
        this.required = s.required;
        this.repeatable = s.repeatable;
        this.allowedValues = List.copyOf(s.values);
        this.origin = s.origin;
        this.meaning = s.meaning;
        this.james = s.james;
    }

    public ConfSection section() {
        return section;
    }

    /** Canonical spelling. */
    public String canonicalName() {
        return name;
    }

    /** Other accepted spellings (the manual's misspellings and synonyms). */
    public List<String> aliases() {
        return aliases;
    }

    /** Other sections where the manual also places this key. */
    public List<ConfSection> alsoIn() {
        return alsoIn;
    }

    public ValueType type() {
        return type;
    }

    public Optional<Long> min() {
        return Optional.ofNullable(min);
    }

    public Optional<Long> max() {
        return Optional.ofNullable(max);
    }

    /** The value used when the key is absent; empty for required keys and keys without a default. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean required() {
        return required;
    }

    public boolean repeatable() {
        return repeatable;
    }

    /** For {@link ValueType#ACTION}: the accepted values. */
    public List<String> allowedValues() {
        return allowedValues;
    }

    public Origin origin() {
        return origin;
    }

    public String meaning() {
        return meaning;
    }

    /** Which James setting (or smtpgw service) the value becomes. */
    public String james() {
        return james;
    }

    /** Whether {@code key} (any case) is the canonical name or an alias. */
    public boolean isSpelledAs(String key) {
        if (name.equalsIgnoreCase(key)) {
            return true;
        }
        return aliases.stream().anyMatch(a -> a.equalsIgnoreCase(key));
    }

    /** Whether this parameter may be written in {@code s}. */
    public boolean allowedIn(ConfSection s) {
        return section == s || alsoIn.contains(s) || (s == GROUP && section == POLICY);
    }

    /** The parameter spelled {@code key} in section {@code s}, if any. */
    public static Optional<Parameter> find(ConfSection s, String key) {
        return Arrays.stream(values()).filter(p -> p.allowedIn(s) && p.isSpelledAs(key)).findFirst();
    }

    /** All parameters spelled {@code key} in any section (to suggest the right section). */
    public static List<Parameter> findAnywhere(String key) {
        return Arrays.stream(values()).filter(p -> p.isSpelledAs(key)).toList();
    }

    /** "from 1 to 100" style description of what is allowed, used in messages and docs. */
    public String allowedDescription() {
        return switch (type) {
            case INTEGER -> "an integer from " + min + " to " + max;
            case ACTION -> String.join("|", allowedValues);
            case DELAYS -> "comma-separated seconds, each from " + min + " to " + max;
            default -> type.description();
        };
    }

    @Override
    public String toString() {
        return "[" + section.label() + "] " + name;
    }

    String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Spec p(ConfSection section, String name, ValueType type) {
        return new Spec(section, name, type);
    }

    /** Mutable description used only while the constants are built. */
    private static final class Spec {
        final ConfSection section;
        final String name;
        final ValueType type;
        final List<String> aliases = new ArrayList<>();
        final List<ConfSection> alsoIn = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        Long min;
        Long max;
        String defaultValue;
        boolean required;
        boolean repeatable;
        Origin origin = Origin.MANUAL;
        String meaning = "";
        String james = "";

        Spec(ConfSection section, String name, ValueType type) {
            this.section = section;
            this.name = name;
            this.type = type;
        }

        Spec required() {
            required = true;
            return this;
        }

        Spec repeatable() {
            repeatable = true;
            return this;
        }

        Spec range(long from, long to) {
            min = from;
            max = to;
            return this;
        }

        Spec def(String value) {
            defaultValue = value;
            return this;
        }

        Spec alias(String... names) {
            aliases.addAll(List.of(names));
            return this;
        }

        Spec alsoIn(ConfSection... sections) {
            alsoIn.addAll(List.of(sections));
            return this;
        }

        Spec values(String... allowed) {
            values.addAll(List.of(allowed));
            return this;
        }

        Spec extension() {
            origin = Origin.EXTENSION;
            return this;
        }

        Spec issue() {
            origin = Origin.PROJECT;
            return this;
        }

        Spec test() {
            origin = Origin.TEST;
            return this;
        }

        Spec meaning(String text) {
            meaning = text;
            return this;
        }

        Spec james(String text) {
            james = text;
            return this;
        }
    }
}
