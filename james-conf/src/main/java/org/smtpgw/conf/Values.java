package org.smtpgw.conf;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpgw.conf.model.AccessRule;
import org.smtpgw.conf.model.ClamdAddress;
import org.smtpgw.conf.model.ForwardRoute;
import org.smtpgw.conf.model.HostPort;
import org.smtpgw.conf.model.ObjectAction;
import org.smtpgw.conf.model.ObjectStatus;

/**
 * Parsers of the value types. Each returns the typed value or throws {@link BadValue} whose message says what is
 * allowed; the caller adds file, line, section and key.
 */
final class Values {

    /** A value that does not parse; the message completes "KEY=VALUE: ...". */
    static final class BadValue extends Exception {
        BadValue(String message) {
            super(message);
        }
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOMAIN_MASK = Pattern.compile("[A-Za-z0-9*?]([A-Za-z0-9*?.-]*[A-Za-z0-9*?])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
    private static final Pattern LOCAL_MASK = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.?-]+");
    private static final Pattern MIME_MASK = Pattern.compile("[A-Za-z0-9*?!#$&^_.+-]+(/[A-Za-z0-9*?!#$&^_.+-]+)?");
    private static final Pattern RULE = Pattern.compile("(?i)(allow|deny)\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)");
    private static final Pattern ROUTE = Pattern.compile("(\\S+)\\s+\\[([^\\]\\s]+)\\]");
    private static final String STRFTIME_CONVERSIONS = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%";

    private Values() {
    }

    static boolean bool(String v) throws BadValue {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new BadValue("must be true or false (also yes|no, y|n, 1|0)");
        };
    }

    static int integer(String v, long min, long max) throws BadValue {
        String what = "must be an integer from " + min + " to " + max;
        if (!v.matches("[+-]?\\d{1,10}")) {
            throw new BadValue(what);
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new BadValue(what);
        }
        return (int) n;
    }

    static Path path(String v, Path home) throws BadValue {
        if (v.isEmpty()) {
            throw new BadValue("must be a path, not empty");
        }
        try {
            return home.resolve(v).normalize();
        } catch (InvalidPathException e) {
            throw new BadValue("is not a valid path: " + e.getReason());
        }
    }

    static boolean isIpv4(String v) {
        Matcher m = IPV4.matcher(v);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isHostname(String v) {
        if (v.isEmpty() || v.length() > 253 || v.matches("[0-9.]+")) {
            return false;
        }
        String name = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        for (String label : name.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    static String hostname(String v) throws BadValue {
        if (!isHostname(v)) {
            throw new BadValue("must be a host name such as gw.example.com (letters, digits, '-' and dots)");
        }
        return v;
    }

    static String email(String v) throws BadValue {
        int at = v.lastIndexOf('@');
        if (at <= 0 || at == v.length() - 1 || !LOCAL_PART.matcher(v.substring(0, at)).matches()
            || !(isHostname(v.substring(at + 1)) || isBracketedIp(v.substring(at + 1)))) {
            throw new BadValue("must be a mail address local@domain, e.g. postmaster@example.com");
        }
        return v;
    }

    private static boolean isBracketedIp(String d) {
        return d.startsWith("[") && d.endsWith("]") && isIpv4(d.substring(1, d.length() - 1));
    }

    static HostPort listenAddress(String v) throws BadValue {
        String what = "must be ADDRESS[:PORT] with an IPv4 address or host name and a port from 1 to 65535,"
            + " e.g. 0.0.0.0:25";
        String host = v;
        int port = 25;
        int colon = v.lastIndexOf(':');
        if (colon >= 0) {
            host = v.substring(0, colon);
            try {
                port = integer(v.substring(colon + 1), 1, 65535);
            } catch (BadValue e) {
                throw new BadValue(what);
            }
        }
        if (!isIpv4(host) && !isHostname(host)) {
            throw new BadValue(what);
        }
        return new HostPort(host, port);
    }

    /** x.x.x.x, x.x.x.x/y.y.y.y (contiguous netmask), x.x.x.x/n, or any. */
    static String networkMask(String v) throws BadValue {
        String what = "'" + v + "' is not an address or mask: use x.x.x.x, x.x.x.x/y.y.y.y, x.x.x.x/n (n from 0 to 32) or any";
        if (v.equalsIgnoreCase("any")) {
            return "any";
        }
        int slash = v.indexOf('/');
        String addr = slash < 0 ? v : v.substring(0, slash);
        if (!isIpv4(addr)) {
            throw new BadValue(what);
        }
        if (slash >= 0) {
            String mask = v.substring(slash + 1);
            if (mask.matches("\\d{1,2}")) {
                if (Integer.parseInt(mask) > 32) {
                    throw new BadValue(what);
                }
            } else if (!isIpv4(mask) || !isContiguousNetmask(mask)) {
                throw new BadValue(what);
            }
        }
        return v;
    }

    private static boolean isContiguousNetmask(String mask) {
        long bits = 0;
        for (String part : mask.split("\\.")) {
            bits = (bits << 8) | Integer.parseInt(part);
        }
        long inverted = ~bits & 0xFFFFFFFFL;
        return (inverted & (inverted + 1)) == 0;
    }

    static String domainMask(String v) throws BadValue {
        if (v.equalsIgnoreCase("any")) {
            return "any";
        }
        if (!DOMAIN_MASK.matcher(v).matches() || v.contains("..")) {
            throw new BadValue("'" + v + "' is not a domain mask: use letters, digits, '-', '.', the wildcards * and ?, or any");
        }
        return v;
    }

    static List<String> domainMasks(String v, boolean allowEmpty) throws BadValue {
        List<String> out = new ArrayList<>();
        for (String item : items(v)) {
            out.add(domainMask(item));
        }
        if (out.isEmpty() && !allowEmpty) {
            throw new BadValue("needs at least one domain mask (* and ? allowed) or any");
        }
        return out;
    }

    static List<String> addressMasks(String v) throws BadValue {
        List<String> out = new ArrayList<>();
        for (String item : items(v)) {
            int at = item.lastIndexOf('@');
            if (at <= 0 || at == item.length() - 1 || !LOCAL_MASK.matcher(item.substring(0, at)).matches()) {
                throw new BadValue("'" + item + "' is not an address mask: use local@domain with * and ?, e.g. *@example.com");
            }
            domainMask(item.substring(at + 1));
            out.add(item);
        }
        if (out.isEmpty()) {
            throw new BadValue("needs at least one address mask, e.g. *@example.com");
        }
        return out;
    }

    static List<String> nameMasks(String v) throws BadValue {
        List<String> out = new ArrayList<>();
        for (String item : items(v)) {
            if (item.contains("/") || item.contains("\\")) {
                throw new BadValue("'" + item + "' is not a file name mask: no '/' or '\\'; use * and ?, e.g. *.exe");
            }
            out.add(item);
        }
        return out;
    }

    static List<String> mimeMasks(String v) throws BadValue {
        List<String> out = new ArrayList<>();
        for (String item : items(v)) {
            if (!MIME_MASK.matcher(item).matches()) {
                throw new BadValue("'" + item + "' is not a MIME type mask: use type/subtype with * and ?, e.g. application/x-ms*");
            }
            out.add(item);
        }
        return out;
    }

    static AccessRule accessRule(String v) throws BadValue {
        Matcher m = RULE.matcher(v);
        if (!m.matches()) {
            throw new BadValue("must be 'allow|deny from ADDRESS_OR_MASK to DOMAIN_MASK', e.g. allow from 10.0.0.0/8 to any");
        }
        boolean allow = m.group(1).equalsIgnoreCase("allow");
        return new AccessRule(allow, networkMask(m.group(2)), domainMask(m.group(3)));
    }

    static ForwardRoute forwardRoute(String v, int number) throws BadValue {
        Matcher m = ROUTE.matcher(v);
        if (!m.matches()) {
            throw new BadValue("must be 'DOMAIN_MASK [HOST]' or 'DOMAIN_MASK [HOST:PORT]', e.g. example.com [127.0.0.1:1025]");
        }
        String mask = domainMask(m.group(1));
        String target = m.group(2);
        String host = target;
        OptionalInt port = OptionalInt.empty();
        int colon = target.lastIndexOf(':');
        if (colon >= 0) {
            host = target.substring(0, colon);
            try {
                port = OptionalInt.of(integer(target.substring(colon + 1), 1, 65535));
            } catch (BadValue e) {
                throw new BadValue("the port of " + "[" + target + "] must be an integer from 1 to 65535");
            }
        }
        if (!isIpv4(host) && !isHostname(host)) {
            throw new BadValue("'" + host + "' is not an IPv4 address or host name");
        }
        boolean viaMx = !isIpv4(host) && port.isEmpty();
        return new ForwardRoute(number, mask, host, port, viaMx);
    }

    static ObjectAction action(String v, List<String> allowed) throws BadValue {
        String lower = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new BadValue("must be one of " + String.join("|", allowed));
        }
        return ObjectAction.valueOf(lower.toUpperCase(Locale.ROOT));
    }

    static Set<ObjectStatus> statuses(String v) throws BadValue {
        Set<ObjectStatus> out = EnumSet.noneOf(ObjectStatus.class);
        List<String> items = items(v);
        for (String item : items) {
            String lower = item.toLowerCase(Locale.ROOT);
            if (lower.equals("all")) {
                if (items.size() > 1) {
                    throw new BadValue("'all' cannot be combined with other statuses");
                }
                return EnumSet.allOf(ObjectStatus.class);
            }
            try {
                out.add(ObjectStatus.valueOf(lower.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadValue("'" + item + "' is not a status: use a comma-separated list of infected, disinfected,"
                    + " suspicious, protected, error, filtered; or all; or nothing");
            }
        }
        return out;
    }

    /** A directory (made into {@code file://DIR/}) or a repository URL kept as written; empty means none. */
    static String repository(String v, Path home) throws BadValue {
        if (v.isEmpty()) {
            return "";
        }
        if (v.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            if (v.length() == v.indexOf("://") + 3) {
                throw new BadValue("the repository URL has no path, e.g. file://var/quarantine/");
            }
            return v.endsWith("/") ? v : v + "/";
        }
        Path p = path(v, home);
        String relative = p.startsWith(home) ? home.relativize(p).toString() : p.toString();
        if (relative.isEmpty()) {
            throw new BadValue("must not be the distribution home itself");
        }
        return "file://" + relative.replace('\\', '/') + "/";
    }

    static String logTarget(String v) {
        return v;
    }

    static String statsTarget(String v) throws BadValue {
        if (org.smtpgw.conf.model.AvStatisticsTarget.isSocket(v)) {
            listenAddress(v);
        }
        return v;
    }

    static String strftime(String v) throws BadValue {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == '%') {
                if (i + 1 >= v.length() || STRFTIME_CONVERSIONS.indexOf(v.charAt(i + 1)) < 0) {
                    throw new BadValue("'" + (i + 1 < v.length() ? v.substring(i, i + 2) : "%")
                        + "' is not a strftime conversion (use e.g. %d/%m/%y or %H:%M:%S)");
                }
                i++;
            }
        }
        return v;
    }

    static List<Integer> delays(String v, long min, long max) throws BadValue {
        List<Integer> out = new ArrayList<>();
        for (String item : items(v)) {
            try {
                out.add(integer(item, min, max));
            } catch (BadValue e) {
                throw new BadValue("'" + item + "': each delay must be an integer from " + min + " to " + max + " (seconds)");
            }
        }
        if (out.isEmpty()) {
            throw new BadValue("needs at least one delay in seconds, e.g. 1,1,2");
        }
        return out;
    }

    static List<String> ipList(String v) throws BadValue {
        List<String> out = new ArrayList<>();
        for (String item : items(v)) {
            if (!isIpv4(item)) {
                throw new BadValue("'" + item + "' is not an IPv4 address");
            }
            out.add(item);
        }
        return out;
    }

    /** IPv4 addresses with an optional {@code :port}, as the gateway's DNS service takes them. */
    static List<String> dnsServers(String v) throws BadValue {
        List<String> out = new ArrayList<>();
        for (String item : items(v)) {
            int colon = item.indexOf(':');
            String host = colon < 0 ? item : item.substring(0, colon);
            if (!isIpv4(host)) {
                throw new BadValue("'" + item + "' is not an IPv4 address (with an optional :port)");
            }
            if (colon >= 0 && !item.substring(colon + 1).matches("[0-9]{1,5}")
                || colon >= 0 && (Integer.parseInt(item.substring(colon + 1)) < 1
                    || Integer.parseInt(item.substring(colon + 1)) > 65535)) {
                throw new BadValue("'" + item + "' has a bad port: allowed are 1 to 65535");
            }
            out.add(item);
        }
        return out;
    }

    /** Comma-separated items, trimmed; an empty item (",," or a trailing comma) is an error. */
    static List<String> items(String v) throws BadValue {
        if (v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : v.split(",", -1)) {
            String t = item.strip();
            if (t.isEmpty()) {
                throw new BadValue("has an empty item in its comma-separated list");
            }
            out.add(t);
        }
        return out;
    }

    static String engine(String v) throws BadValue {
        String e = v.toLowerCase(Locale.ROOT);
        if (!e.equals("builtin") && !e.equals("clamd")) {
            throw new BadValue("must be builtin (the signed database of BasesPath) or clamd (a ClamAV daemon at ClamdAddress)");
        }
        return e;
    }

    static List<Path> paths(String v, Path home) throws BadValue {
        List<Path> out = new ArrayList<>();
        for (String item : items(v)) {
            out.add(path(item, home));
        }
        return out;
    }

    /** {@code host:port}, or an absolute path (a Unix socket). */
    static ClamdAddress clamdAddress(String v) throws BadValue {
        if (v.startsWith("/")) {
            return new ClamdAddress(Optional.of(Path.of(v)), "", 0);
        }
        int colon = v.lastIndexOf(':');
        String what = "must be HOST:PORT (e.g. 127.0.0.1:3310) or the absolute path of clamd's Unix socket"
            + " (e.g. /run/clamav/clamd.ctl)";
        if (colon < 0) {
            throw new BadValue(what);
        }
        HostPort hp;
        try {
            hp = listenAddress(v);
        } catch (BadValue e) {
            throw new BadValue(what);
        }
        return new ClamdAddress(Optional.empty(), hp.host(), hp.port());
    }
}
