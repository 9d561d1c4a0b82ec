package org.smtpgw.mailets.eventlog;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * Translates the strftime formats of the manual's {@code [locale]} section ({@code DateFormat=%d/%m/%y},
 * {@code TimeFormat=%I:%M:%S %P}) into a {@link DateTimeFormatter}. The JDK has no strftime, and the common
 * conversions map one to one onto formatter fields, so this small translator is simpler than a dependency.
 *
 * <p>Supported conversions: {@value #SUPPORTED}. Names of days and months are English and {@code %p}/{@code %P}
 * give {@code AM}/{@code PM} and {@code am}/{@code pm} whatever the server's locale, so log lines do not change with
 * the environment. Anything else after a {@code %} is refused with an {@link IllegalArgumentException} naming the
 * conversion, its position and the supported ones.
 */
public final class Strftime {
    public static final String SUPPORTED = "%a %A %b %B %h %d %e %D %F %H %I %j %m %M %p %P %R %S %T %y %Y %z %Z %%";

    private static final Map<Long, String> UPPER_AM_PM = Map.of(0L, "AM", 1L, "PM");
    private static final Map<Long, String> LOWER_AM_PM = Map.of(0L, "am", 1L, "pm");

    private Strftime() {
    }

    /**
     * @throws IllegalArgumentException for an unsupported conversion or a lone {@code %} at the end
     */
    public static DateTimeFormatter formatter(String format) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                throw new IllegalArgumentException("strftime format '" + format + "' ends with a lone %; write %% for"
                    + " a percent sign");
            }
            char conversion = format.charAt(++i);
            if (conversion == '%') {
                literal.append('%');
                continue;
            }
            if (literal.length() > 0) {
                builder.appendLiteral(literal.toString());
                literal.setLength(0);
            }
            append(builder, conversion, format, i);
        }
        if (literal.length() > 0) {
            builder.appendLiteral(literal.toString());
        }
        return builder.toFormatter(Locale.ENGLISH);
    }

    private static void append(DateTimeFormatterBuilder builder, char conversion, String format, int position) {
        switch (conversion) {
            case 'a' -> builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
            case 'A' -> builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
            case 'b', 'h' -> builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
            case 'B' -> builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
            case 'd' -> builder.appendValue(ChronoField.DAY_OF_MONTH, 2);
            case 'e' -> builder.padNext(2).appendValue(ChronoField.DAY_OF_MONTH);
            case 'D' -> {
                append(builder, 'm', format, position);
                builder.appendLiteral('/');
                append(builder, 'd', format, position);
                builder.appendLiteral('/');
                append(builder, 'y', format, position);
            }
            case 'F' -> {
                append(builder, 'Y', format, position);
                builder.appendLiteral('-');
                append(builder, 'm', format, position);
                builder.appendLiteral('-');
                append(builder, 'd', format, position);
            }
            case 'H' -> builder.appendValue(ChronoField.HOUR_OF_DAY, 2);
            case 'I' -> builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
            case 'j' -> builder.appendValue(ChronoField.DAY_OF_YEAR, 3);
            case 'm' -> builder.appendValue(ChronoField.MONTH_OF_YEAR, 2);
            case 'M' -> builder.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
            case 'p' -> builder.appendText(ChronoField.AMPM_OF_DAY, UPPER_AM_PM);
            case 'P' -> builder.appendText(ChronoField.AMPM_OF_DAY, LOWER_AM_PM);
            case 'R' -> {
                append(builder, 'H', format, position);
                builder.appendLiteral(':');
                append(builder, 'M', format, position);
            }
            case 'S' -> builder.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
            case 'T' -> {
                append(builder, 'R', format, position);
                builder.appendLiteral(':');
                append(builder, 'S', format, position);
            }
            case 'y' -> builder.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
            case 'Y' -> builder.appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL);
            case 'z' -> builder.appendOffset("+HHMM", "+0000");
            case 'Z' -> builder.appendZoneText(TextStyle.SHORT);
            default -> throw new IllegalArgumentException("strftime format '" + format + "': conversion %" + conversion
                + " at position " + position + " is not supported; supported: " + SUPPORTED);
        }
    }
}
