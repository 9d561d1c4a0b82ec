package org.smtpgw.mailets.eventlog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The report detail levels of the manual (section 6.6): a line is written when its level's number is at most the
 * configured {@code LogLevel} (1..9, default 4). Fatal lines are always written. Levels 5 to 8 add nothing to 4.
 */
public enum LogLevel {
    FATAL('F', 0),
    ERROR('E', 1),
    WARNING('W', 2),
    INFO('I', 3),
    ACTIVITY('A', 4),
    DEBUG('D', 9);

    public static final int MIN = 1;
    public static final int MAX = 9;
    public static final int DEFAULT = 4;

    private final char letter;
    private final int number;

    LogLevel(char letter, int number) {
        this.letter = letter;
        this.number = number;
    }

    /** The letter written in the line's {@code [date time L]} prefix. */
    public char letter() {
        return letter;
    }

    public int number() {
        return number;
    }

    /** Whether a line of this level is written when {@code LogLevel=configured}. */
    public boolean isWrittenAt(int configured) {
        return number <= configured;
    }

    /** By name ({@code activity}), letter ({@code A}) or number ({@code 4}), any case. */
    public static Optional<LogLevel> parse(String text) {
        String value = text.trim();
        return Arrays.stream(values())
            .filter(level -> level.name().equalsIgnoreCase(value)
                || String.valueOf(level.letter).equalsIgnoreCase(value)
                || String.valueOf(level.number).equals(value)
                || (level == WARNING && value.toLowerCase(Locale.ROOT).equals("warn")))
            .findFirst();
    }
}
