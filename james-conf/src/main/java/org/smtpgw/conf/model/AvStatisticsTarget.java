package org.smtpgw.conf.model;

/**
 * The one rule that decides what an {@code AVStatistics} value names (the manual's "file name | TCP socket"): a
 * value without {@code /} that ends in {@code :PORT} is a TCP socket {@code HOST:PORT} (validated as such); anything
 * else is a file. A file whose name looks like {@code name:1234} is written {@code ./name:1234}. The generator tells
 * the {@code WriteAvStatistics} mailet which one it is ({@code <socket>} or {@code <file>}), so no second rule exists.
 */
public final class AvStatisticsTarget {
    private AvStatisticsTarget() {
    }

    public static boolean isSocket(String value) {
        return value.matches("[^/]+:\\d+");
    }
}
