package org.smtpgw.mailets.stats;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code AVStatistics} lines go: the manual's "file name | TCP socket". A value of the form {@code HOST:PORT}
 * (no {@code /}, a host name, an IPv4 address or a bracketed IPv6 address, then a port) is a TCP socket; anything
 * else is a file. A file whose name looks like {@code HOST:PORT} is written {@code ./name:1234}.
 */
public sealed interface AvStatisticsTarget {
    Pattern SOCKET = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):([0-9]{1,5})");

    record File(Path path) implements AvStatisticsTarget {
    }

    record Socket(String host, int port) implements AvStatisticsTarget {
    }

    /**
     * @throws IllegalArgumentException for an empty value or a port out of range
     */
    static AvStatisticsTarget parse(String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected a file path or HOST:PORT of a TCP socket");
        }
        Matcher matcher = SOCKET.matcher(text);
        if (matcher.matches()) {
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
        return new File(Path.of(text).toAbsolutePath().normalize());
    }
}
