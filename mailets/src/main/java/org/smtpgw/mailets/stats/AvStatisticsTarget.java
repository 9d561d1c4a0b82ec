package org.smtpgw.mailets.stats;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code AVStatistics} lines go: the manual's "file name | TCP socket". Which of the two a value of
 * {@code smtpgw.conf} means is decided once, by the configuration generator (james-conf's {@code AvStatisticsTarget}
 * rule, docs/statistics.md); the mailet is told explicitly with {@code <file>} or {@code <socket>} and never guesses.
 */
public sealed interface AvStatisticsTarget {
    Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):([0-9]{1,5})");

    record File(Path path) implements AvStatisticsTarget {
    }

    record Socket(String host, int port) implements AvStatisticsTarget {
    }

    /**
     * @param hostPort {@code HOST:PORT}: a host name, an IPv4 address or a bracketed IPv6 address, then a port
     * @throws IllegalArgumentException for any other form or a port out of range
     */
    static Socket socket(String hostPort) {
        String text = hostPort == null ? "" : hostPort.trim();
        Matcher matcher = HOST_PORT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (e.g. 127.0.0.1:7777 or [::1]:7777)");
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + port + " is out of range 1..65535");
        }
        String host = matcher.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Socket(host, port);
    }

    /**
     * @param path a file path, made absolute against the working directory
     * @throws IllegalArgumentException for an empty value
     */
    static File file(String path) {
        String text = path == null ? "" : path.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected a file path");
        }
        return new File(Path.of(text).toAbsolutePath().normalize());
    }
}
