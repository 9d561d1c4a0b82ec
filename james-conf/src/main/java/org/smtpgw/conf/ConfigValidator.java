package org.smtpgw.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.smtpgw.conf.ConfigProblem.Severity;
import org.smtpgw.conf.ini.RawEntry;
import org.smtpgw.conf.ini.RawFile;
import org.smtpgw.conf.ini.RawSection;
import org.smtpgw.conf.model.AccessRule;
import org.smtpgw.conf.model.AccessSettings;
import org.smtpgw.conf.model.AdminSettings;
import org.smtpgw.conf.model.AveSettings;
import org.smtpgw.conf.model.ForwardRoute;
import org.smtpgw.conf.model.GatewayPaths;
import org.smtpgw.conf.model.GroupPolicy;
import org.smtpgw.conf.model.HostPort;
import org.smtpgw.conf.model.Limits;
import org.smtpgw.conf.model.LocaleSettings;
import org.smtpgw.conf.model.NetworkSettings;
import org.smtpgw.conf.model.ObjectAction;
import org.smtpgw.conf.model.ObjectStatus;
import org.smtpgw.conf.model.Options;
import org.smtpgw.conf.model.PathSettings;
import org.smtpgw.conf.model.Timeouts;
import org.smtpgw.conf.model.UpdaterSettings;

/**
 * Turns a {@link RawFile} into problems and, when there is no error, a {@link GatewayConfig}. Every entry is
 * checked, so one run reports every problem of the file. The rules come from {@link Parameter}.
 */
final class ConfigValidator {

    private static final java.util.regex.Pattern GROUP_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** A parsed value and where it was written. */
    private record Located(Object value, RawEntry entry) {
    }

    /** The entries of one section (all headers of that section merged), or of one group. */
    private static final class SectionEntries {
        final String label;
        final int headerLine;
        final Map<Parameter, List<Located>> byParam = new EnumMap<>(Parameter.class);
        /** Keys written in the section, valid or not: a bad value is not also reported as missing. */
        final Set<Parameter> written = java.util.EnumSet.noneOf(Parameter.class);

        SectionEntries(String label, int headerLine) {
            this.label = label;
            this.headerLine = headerLine;
        }

        Optional<Located> first(Parameter p) {
            List<Located> l = byParam.get(p);
            return l == null || l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }
    }

    private final RawFile raw;
    private final Path file;
    private final Path home;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<ConfSection, SectionEntries> sections = new EnumMap<>(ConfSection.class);
    private final Map<String, SectionEntries> groups = new LinkedHashMap<>();
    private final List<Located> routes = new ArrayList<>();

    ConfigValidator(RawFile raw, Path file, Path home) {
        this.raw = raw;
        this.file = file;
        this.home = home;
    }

    LoadResult validate() {
        for (RawFile.SyntaxError e : raw.syntaxErrors()) {
            problems.add(new ConfigProblem(Severity.ERROR, raw.file(), e.line(), "", "", null,
                "cannot parse '" + e.text() + "': " + e.message()));
        }
        for (RawSection s : raw.sections()) {
            readSection(s);
        }
        checkRequired();
        checkAcrossKeys();
        String dsnText = readDsnTemplate();
        problems.sort(Comparator.comparingInt(ConfigProblem::line));
        boolean hasErrors = problems.stream().anyMatch(ConfigProblem::isError);
        return new LoadResult(problems, hasErrors ? Optional.empty() : Optional.of(build(dsnText)));
    }

    // ---------------------------------------------------------------- reading

    private void readSection(RawSection s) {
        if (s.name() == null) {
            for (RawEntry e : s.entries()) {
                error(e, "", "is outside any section; put it under its [section] header");
            }
            return;
        }
        Optional<ConfSection> known = ConfSection.byHeader(s.name());
        if (known.isEmpty()) {
            problems.add(new ConfigProblem(Severity.ERROR, raw.file(), s.line(), "", "", null,
                "unknown section [" + s.name() + "]; sections are " + Arrays.stream(ConfSection.values())
                    .map(c -> "[" + c.label() + "]").collect(Collectors.joining(", "))));
            return;
        }
        ConfSection section = known.get();
        SectionEntries target;
        if (section == ConfSection.GROUP) {
            String name = s.name().substring(ConfSection.GROUP_PREFIX.length()).strip();
            String label = ConfSection.GROUP_PREFIX + name;
            if (!GROUP_NAME.matcher(name).matches() || name.equalsIgnoreCase(GroupPolicy.DEFAULT_NAME)) {
                problems.add(new ConfigProblem(Severity.ERROR, raw.file(), s.line(), label, "", null,
                    "a group name must be 1 to 64 letters, digits, '_', '-' or '.', and not 'default'"
                        + " (the name of the [smtpgw.policy] group)"));
                return;
            }
            String id = name.toLowerCase(Locale.ROOT);
            if (groups.containsKey(id)) {
                problems.add(new ConfigProblem(Severity.ERROR, raw.file(), s.line(), label, "", null,
                    "the group is defined twice (first at line " + groups.get(id).headerLine
                        + "); group names are case-insensitive"));
                return;
            }
            target = new SectionEntries(label, s.line());
            groups.put(id, target);
        } else {
            target = sections.computeIfAbsent(section, c -> new SectionEntries(c.label(), s.line()));
        }
        for (RawEntry e : s.entries()) {
            readEntry(section, target, e);
        }
    }

    private void readEntry(ConfSection section, SectionEntries target, RawEntry e) {
        Optional<Parameter> found = Parameter.find(section, e.key());
        if (found.isEmpty()) {
            error(e, target.label, unknownKeyMessage(section, e.key()));
            return;
        }
        Parameter p = found.get();
        target.written.add(p);
        Object value;
        try {
            value = parse(p, e.value(), p == Parameter.FORWARD_ROUTE ? routes.size() + 1 : 0);
        } catch (Values.BadValue bad) {
            error(e, target.label, bad.getMessage());
            return;
        }
        List<Located> list = target.byParam.computeIfAbsent(p, k -> new ArrayList<>());
        if (!p.repeatable() && !list.isEmpty()) {
            error(e, target.label, "is given twice (first at line " + list.get(0).entry().line()
                + "); write it once");
            return;
        }
        if (p == Parameter.LISTEN_ON) {
            for (Located other : list) {
                if (other.value().equals(value)) {
                    error(e, target.label, "listens on the same address as line " + other.entry().line());
                    return;
                }
            }
        }
        Located located = new Located(value, e);
        list.add(located);
        if (p == Parameter.FORWARD_ROUTE) {
            routes.add(located);
        }
    }

    private String unknownKeyMessage(ConfSection section, String key) {
        List<Parameter> elsewhere = Parameter.findAnywhere(key);
        if (!elsewhere.isEmpty()) {
            Parameter p = elsewhere.get(0);
            return "unknown key in this section; " + p.canonicalName() + " belongs in [" + p.section().label() + "]";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Parameter p : Parameter.values()) {
            if (!p.allowedIn(section)) {
                continue;
            }
            int d = distance(key.toLowerCase(Locale.ROOT), p.canonicalName().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = p.canonicalName();
            }
        }
        String keys = Arrays.stream(Parameter.values()).filter(p -> p.allowedIn(section))
            .map(Parameter::canonicalName).collect(Collectors.joining(", "));
        if (best != null && bestDistance <= 3) {
            return "unknown key; did you mean " + best + "? Keys of this section: " + keys;
        }
        return "unknown key; keys of this section: " + keys;
    }

    private Object parse(Parameter p, String v, int routeNumber) throws Values.BadValue {
        return switch (p.type()) {
            case BOOLEAN -> Values.bool(v);
            case INTEGER -> Values.integer(v, p.min().orElseThrow(), p.max().orElseThrow());
            case TEXT, URL_OR_PATH -> v;
            case PATH, TEMPLATE -> Values.path(v, home);
            case EMAIL -> Values.email(v);
            case HOSTNAME -> Values.hostname(v);
            case LISTEN_ADDRESS -> Values.listenAddress(v);
            case ACCESS_RULE -> Values.accessRule(v);
            case FORWARD_ROUTE -> Values.forwardRoute(v, routeNumber);
            case DOMAIN_MASKS -> Values.domainMasks(v, p != Parameter.PROTECTED_DOMAINS);
            case ADDRESS_MASKS -> Values.addressMasks(v);
            case NAME_MASKS -> Values.nameMasks(v);
            case MIME_MASKS -> Values.mimeMasks(v);
            case ACTION -> Values.action(v, p.allowedValues());
            case STATUSES -> Values.statuses(v);
            case LOG_TARGET -> Values.logTarget(v);
            case STATS_TARGET -> Values.statsTarget(v);
            case REPOSITORY -> Values.repository(v, home);
            case STRFTIME -> Values.strftime(v);
            case DELAYS -> Values.delays(v, p.min().orElseThrow(), p.max().orElseThrow());
            case IP_LIST -> Values.ipList(v);
            case DNS_SERVERS -> Values.dnsServers(v);
            case ENGINE -> Values.engine(v);
            case PATHS -> Values.paths(v, home);
            case CLAMD_ADDRESS -> Values.clamdAddress(v);
        };
    }

    // ---------------------------------------------------------------- whole-file checks

    private void checkRequired() {
        for (ConfSection s : ConfSection.values()) {
            if (s == ConfSection.GROUP) {
                continue;
            }
            List<Parameter> required = Arrays.stream(Parameter.values())
                .filter(p -> p.section() == s && p.required()).toList();
            SectionEntries v = sections.get(s);
            if (v == null) {
                if (s.required()) {
                    problems.add(new ConfigProblem(Severity.ERROR, raw.file(), 0, s.label(), "", null,
                        "required section is missing; it must set " + required.stream()
                            .map(Parameter::canonicalName).collect(Collectors.joining(", "))));
                }
                continue;
            }
            for (Parameter p : required) {
                if (!v.written.contains(p)) {
                    problems.add(new ConfigProblem(Severity.ERROR, raw.file(), v.headerLine, s.label(),
                        p.canonicalName(), null, "required parameter is missing; expected " + p.allowedDescription()));
                }
            }
        }
        for (SectionEntries g : groups.values()) {
            if (!g.written.contains(Parameter.SENDERS) && !g.written.contains(Parameter.RECIPIENTS)) {
                problems.add(new ConfigProblem(Severity.ERROR, raw.file(), g.headerLine, g.label, "", null,
                    "a group needs Senders or Recipients (comma-separated address masks, e.g. *@example.com)"));
            }
        }
    }

    private void checkAcrossKeys() {
        SectionEntries t = sections.get(ConfSection.TIMEOUTS);
        if (t != null) {
            Optional<Located> min = t.first(Parameter.MINIMAL_BACKOFF_TIME);
            int max = intOf(Parameter.MAXIMAL_BACKOFF_TIME);
            if (min.isPresent() && (Integer) min.get().value() > max) {
                error(min.get().entry(), t.label, "must not be greater than MaximalBackoffTime (" + max + ")");
            }
            Optional<Located> unreachable = t.first(Parameter.UNREACHABLE_CACHE_REFRESH_PERIOD);
            int minValue = intOf(Parameter.MINIMAL_BACKOFF_TIME);
            if (unreachable.isPresent() && (Integer) unreachable.get().value() >= minValue) {
                warning(unreachable.get().entry(), t.label, "should be less than MinimalBackoffTime (" + minValue
                    + "), or a retry may find the host still marked unreachable");
            }
        }
        SectionEntries ave = sections.get(ConfSection.AVE);
        if (ave != null && AveSettings.BUILTIN.equals(get(Parameter.ENGINE))) {
            ave.first(Parameter.TRUSTED_KEYS).filter(l -> ((List<?>) l.value()).isEmpty()).ifPresent(l ->
                error(l.entry(), ave.label, "must name at least one public key file (PEM) with Engine=builtin,"
                    + " e.g. conf/trusted-keys/starter.pub: without one no database is accepted"));
        }
        SectionEntries a = sections.get(ConfSection.ACCESS);
        if ((a == null || !a.written.contains(Parameter.RULE)) && sections.containsKey(ConfSection.NETWORK)) {
            problems.add(new ConfigProblem(Severity.WARNING, raw.file(), a == null ? 0 : a.headerLine,
                ConfSection.ACCESS.label(), "Rule", null,
                "no rule: every recipient will be refused; add e.g. Rule=allow from 127.0.0.1 to any"));
        }
        for (int i = 0; i < routes.size(); i++) {
            ForwardRoute r = (ForwardRoute) routes.get(i).value();
            if (r.domainMask().equals("any")) {
                for (Located later : routes.subList(i + 1, routes.size())) {
                    warning(later.entry(), sectionOf(later), "is never used: the route 'any' at line "
                        + routes.get(i).entry().line() + " takes every recipient first");
                }
                break;
            }
        }
    }

    private String sectionOf(Located l) {
        for (Map.Entry<ConfSection, SectionEntries> e : sections.entrySet()) {
            if (e.getValue().byParam.getOrDefault(Parameter.FORWARD_ROUTE, List.of()).contains(l)) {
                return e.getKey().label();
            }
        }
        return "";
    }

    private String readDsnTemplate() {
        SectionEntries o = sections.get(ConfSection.OPTIONS);
        if (o == null) {
            return "";
        }
        Optional<Located> t = o.first(Parameter.DSN_TEMPLATE);
        if (t.isEmpty()) {
            return "";
        }
        Path p = (Path) t.get().value();
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            // The text goes into mailetcontainer.xml, and XML 1.0 cannot carry other control characters.
            if (text.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')) {
                error(t.get().entry(), o.label, "the template file " + shown(p)
                    + " contains control characters; it must be plain text");
                return "";
            }
            return text;
        } catch (IOException | java.io.UncheckedIOException e) {
            error(t.get().entry(), o.label, "cannot read the template file " + shown(p) + ": " + (Files.exists(p)
                ? "not a readable UTF-8 text file" : "no such file"));
            return "";
        }
    }

    /** A path as the administrator thinks of it: relative to the home when it is inside. */
    private String shown(Path p) {
        return p.startsWith(home) ? home.relativize(p).toString() : p.toString();
    }

    // ---------------------------------------------------------------- building

    private GatewayConfig build(String dsnText) {
        return new GatewayConfig(file, home,
            new PathSettings(get(Parameter.BASES_PATH), get(Parameter.LICENSE_PATH)),
            new LocaleSettings(get(Parameter.DATE_FORMAT), get(Parameter.TIME_FORMAT)),
            new AccessSettings(get(Parameter.DENY_UNRESOLVED_CONNECT), get(Parameter.DENY_UNRESOLVED_MAILFROM),
                all(Parameter.RULE, AccessRule.class)),
            new AveSettings(get(Parameter.CURE), get(Parameter.SCAN_ARCHIVES), get(Parameter.SCAN_MAIL_BASES),
                intOf(Parameter.SCAN_TIMEOUT), get(Parameter.USE_ICHECKER), get(Parameter.ENGINE),
                get(Parameter.TRUSTED_KEYS), get(Parameter.CLAMD_ADDRESS), intOf(Parameter.ENGINE_RETRY_DELAY)),
            routes.stream().map(l -> (ForwardRoute) l.value()).toList(),
            new Limits(intOf(Parameter.ANTIVIRAL_SESSIONS), intOf(Parameter.INCOMING_SESSIONS),
                intOf(Parameter.OUTGOING_SESSIONS), intOf(Parameter.MAXIMAL_INCOMING_HOPS),
                intOf(Parameter.MAXIMAL_INCOMING_MESSAGE_SIZE), intOf(Parameter.MAXIMAL_INCOMING_MESSAGES_PER_SESSION),
                intOf(Parameter.MAXIMAL_INCOMING_RCPTS_PER_MESSAGE), intOf(Parameter.MAXIMAL_INCOMING_SESSION_SIZE),
                intOf(Parameter.MAXIMAL_INCOMING_SESSIONS_PER_IP), intOf(Parameter.MAXIMAL_OUTGOING_SESSIONS_PER_HOST)),
            new NetworkSettings(listenOn(), get(Parameter.HOSTNAME), get(Parameter.POSTMASTER),
                get(Parameter.PROTECTED_DOMAINS), get(Parameter.DNS_SERVERS)),
            new Options(get(Parameter.LOG_FILENAME), intOf(Parameter.LOG_LEVEL), get(Parameter.STAT_FILENAME),
                get(Parameter.ICHECKER_DB_FILENAME), get(Parameter.PREPEND_RECEIVED), get(Parameter.DSN_TEMPLATE),
                dsnText, get(Parameter.DSN_ENTIRE_MESSAGE), get(Parameter.DSN_ON_RELAYING),
                get(Parameter.AV_STATISTICS), get(Parameter.DROP_MALFORMED_MAIL), get(Parameter.ADD_VIRUS_HEADERS)),
            new GatewayPaths(optionalRepository(Parameter.INCOMING_ARCHIVE_PATH),
                optionalRepository(Parameter.OUTGOING_ARCHIVE_PATH), get(Parameter.QUEUE_PATH),
                get(Parameter.CONTROL_PATH)),
            timeouts(),
            group(GroupPolicy.DEFAULT_NAME, sections.get(ConfSection.POLICY), null),
            groups.values().stream().map(g -> group(g.label.substring(ConfSection.GROUP_PREFIX.length()), g,
                sections.get(ConfSection.POLICY))).toList(),
            new AdminSettings(intOf(Parameter.WEB_ADMIN_PORT), intOf(Parameter.JMX_PORT), get(Parameter.JMX_ENABLED)),
            new UpdaterSettings(get(Parameter.UPDATER_BACKUP_PATH), get(Parameter.UPDATE_SERVER_URL),
                get(Parameter.USE_UPDATE_SERVER_URL), get(Parameter.USE_UPDATE_SERVER_URL_ONLY),
                get(Parameter.POST_UPDATE_CMD), get(Parameter.REGION_SETTINGS), intOf(Parameter.CONNECT_TIMEOUT),
                get(Parameter.USE_PROXY), get(Parameter.PROXY_ADDRESS), get(Parameter.PASSIVE_FTP),
                get(Parameter.REPORT_FILENAME), intOf(Parameter.REPORT_LEVEL), get(Parameter.APPEND)));
    }

    private Timeouts timeouts() {
        Optional<List<Integer>> test = Optional.ofNullable(sections.get(ConfSection.TIMEOUTS))
            .flatMap(t -> t.first(Parameter.TEST_RETRY_DELAYS)).map(l -> castList(l.value()));
        return new Timeouts(intOf(Parameter.MAXIMAL_BACKOFF_TIME), intOf(Parameter.MINIMAL_BACKOFF_TIME),
            intOf(Parameter.MAXIMAL_QUEUE_LIFETIME), intOf(Parameter.MX_CACHE_REFRESH_PERIOD),
            intOf(Parameter.UNREACHABLE_CACHE_REFRESH_PERIOD), intOf(Parameter.UNRESOLVED_CACHE_REFRESH_PERIOD),
            intOf(Parameter.READ_TIMEOUT), intOf(Parameter.WRITE_TIMEOUT), intOf(Parameter.RECEIVING_COMMAND_TIMEOUT),
            intOf(Parameter.RECEIVING_DATA_INITIATION_TIMEOUT), intOf(Parameter.RECEIVING_DATA_TERMINATION_TIMEOUT),
            intOf(Parameter.SENDING_INITIAL_TIMEOUT), intOf(Parameter.SENDING_HELLO_TIMEOUT),
            intOf(Parameter.SENDING_MAIL_TIMEOUT), intOf(Parameter.SENDING_RCPT_TIMEOUT),
            intOf(Parameter.SENDING_DATA_INITIATION_TIMEOUT), intOf(Parameter.SENDING_DATA_TERMINATION_TIMEOUT),
            intOf(Parameter.SENDING_QUIT_TIMEOUT), test);
    }

    private List<HostPort> listenOn() {
        List<HostPort> given = all(Parameter.LISTEN_ON, HostPort.class);
        return given.isEmpty() ? List.of((HostPort) defaultOf(Parameter.LISTEN_ON)) : given;
    }

    private Optional<String> optionalRepository(Parameter p) {
        String url = get(p);
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }

    /** A group's value, else the policy's, else the default (policy == null when building the policy). */
    private GroupPolicy group(String name, SectionEntries own, SectionEntries policy) {
        Map<ObjectStatus, ObjectAction> actions = new EnumMap<>(ObjectStatus.class);
        actions.put(ObjectStatus.DISINFECTED, inherited(Parameter.ACTION_DISINFECTED, own, policy));
        actions.put(ObjectStatus.INFECTED, inherited(Parameter.ACTION_INFECTED, own, policy));
        actions.put(ObjectStatus.SUSPICIOUS, inherited(Parameter.ACTION_SUSPICIOUS, own, policy));
        actions.put(ObjectStatus.PROTECTED, inherited(Parameter.ACTION_PROTECTED, own, policy));
        actions.put(ObjectStatus.ERROR, inherited(Parameter.ACTION_ERROR, own, policy));
        actions.put(ObjectStatus.FILTERED, inherited(Parameter.ACTION_FILTERED, own, policy));
        List<String> senders = policy == null ? List.of("*@*") : inherited(Parameter.SENDERS, own, null);
        List<String> recipients = policy == null ? List.of("*@*") : inherited(Parameter.RECIPIENTS, own, null);
        return new GroupPolicy(name, senders, recipients,
            inherited(Parameter.CHECK, own, policy),
            inherited(Parameter.ADMIN_NOTIFY_ADDRESS, own, policy),
            inherited(Parameter.NOTIFY_FROM_ADDRESS, own, policy),
            inherited(Parameter.BACKUP_PATH, own, policy),
            inherited(Parameter.QUARANTINE_PATH, own, policy),
            inherited(Parameter.INCLUDE_BY_NAME, own, policy),
            inherited(Parameter.EXCLUDE_BY_NAME, own, policy),
            inherited(Parameter.INCLUDE_BY_MIME, own, policy),
            inherited(Parameter.EXCLUDE_BY_MIME, own, policy),
            inherited(Parameter.NOTIFY_ADMIN_TEMPLATE, own, policy),
            inherited(Parameter.NOTIFY_RECIPIENT_TEMPLATE, own, policy),
            inherited(Parameter.NOTIFY_SENDER_TEMPLATE, own, policy),
            inherited(Parameter.PLACEHOLDER_TEMPLATE, own, policy),
            actions,
            inherited(Parameter.BLOCK_MESSAGE, own, policy),
            inherited(Parameter.QUARANTINE_STATUS, own, policy),
            inherited(Parameter.BACKUP_STATUS, own, policy),
            inherited(Parameter.NOTIFY_ADMIN, own, policy),
            inherited(Parameter.NOTIFY_SENDER, own, policy),
            inherited(Parameter.NOTIFY_RECIPIENT, own, policy),
            inherited(Parameter.NOTIFY_ADMIN_ATTACH_ORIGINAL, own, policy));
    }

    @SuppressWarnings("unchecked")
    private <T> T inherited(Parameter p, SectionEntries own, SectionEntries policy) {
        if (own != null && own.first(p).isPresent()) {
            return (T) own.first(p).get().value();
        }
        if (policy != null && policy.first(p).isPresent()) {
            return (T) policy.first(p).get().value();
        }
        return (T) defaultOf(p);
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Parameter p) {
        SectionEntries v = sections.get(p.section());
        if (v != null && v.first(p).isPresent()) {
            return (T) v.first(p).get().value();
        }
        return (T) defaultOf(p);
    }

    private int intOf(Parameter p) {
        return (Integer) get(p);
    }

    private <T> List<T> all(Parameter p, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ConfSection s : ConfSection.values()) {
            if (p.allowedIn(s) && sections.containsKey(s)) {
                sections.get(s).byParam.getOrDefault(p, List.of()).forEach(l -> out.add(type.cast(l.value())));
            }
        }
        return out;
    }

    /** The parsed default; every default of the table parses (checked by a test). */
    Object defaultOf(Parameter p) {
        String d = p.defaultValue().orElseThrow(() -> new IllegalStateException(p + " has no default"));
        try {
            return parse(p, d, 0);
        } catch (Values.BadValue e) {
            throw new IllegalStateException("bad default of " + p + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> castList(Object o) {
        return (List<Integer>) o;
    }

    private void error(RawEntry e, String section, String message) {
        problems.add(new ConfigProblem(Severity.ERROR, e.file(), e.line(), section, e.key(), e.value(), message));
    }

    private void warning(RawEntry e, String section, String message) {
        problems.add(new ConfigProblem(Severity.WARNING, e.file(), e.line(), section, e.key(), e.value(), message));
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

}
