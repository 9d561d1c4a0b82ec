package org.smtpgw.mailets.common;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetException;
import org.smtpgw.matchers.verdict.Statuses;
import org.smtpgw.scanner.ObjectStatus;

/**
 * Reads a mailet's XML parameters strictly: a bad value stops the server at start with a message naming the mailet,
 * the parameter, the value and what is allowed. {@code service()} never parses strings.
 */
public final class MailetParameters {
    private final MailetConfig config;
    private final String mailet;

    public MailetParameters(MailetConfig config) {
        this.config = config;
        this.mailet = config.getMailetName();
    }

    /** The trimmed value, empty when absent. An element present but empty gives an empty string. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(config.getInitParameter(name)).map(String::trim);
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name, String allowed) throws MailetException {
        return optional(name).filter(value -> !value.isEmpty())
            .orElseThrow(() -> error(name, "is required; expected " + allowed));
    }

    /** {@code true/false/yes/no} in any case. */
    public boolean bool(String name, boolean defaultValue) throws MailetException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw error(name, "<" + name + ">" + value.get() + "</" + name + "> is not a boolean; expected"
                + " true, false, yes or no (default " + defaultValue + ")");
        };
    }

    public long longInRange(String name, long defaultValue, long min, long max) throws MailetException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw error(name, "<" + name + ">" + value.get() + "</" + name + "> is not a whole number; expected "
                + min + " to " + max + " (default " + defaultValue + ")");
        }
        if (parsed < min || parsed > max) {
            throw error(name, "<" + name + ">" + value.get() + "</" + name + "> is out of range; expected "
                + min + " to " + max + " (default " + defaultValue + ")");
        }
        return parsed;
    }

    /** A number of seconds from {@code min} to {@code max}. */
    public Duration seconds(String name, long defaultSeconds, long min, long max) throws MailetException {
        return Duration.ofSeconds(longInRange(name, defaultSeconds, min, max));
    }

    /** A comma-separated list; empty items dropped. */
    public List<String> list(String name) {
        return optional(name).map(value -> Arrays.stream(value.split(",")).map(String::trim)
            .filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }

    /** The manual's STATUSES value; an empty value means none. */
    public Set<ObjectStatus> statuses(String name, boolean required) throws MailetException {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            if (required) {
                throw error(name, "is required; expected " + Statuses.ALLOWED + " (empty for none)");
            }
            return Set.of();
        }
        try {
            return Statuses.parse(value.get(), true);
        } catch (IllegalArgumentException e) {
            throw error(name, "<" + name + ">" + value.get() + "</" + name + ">: " + e.getMessage());
        }
    }

    /** One of {@code allowed} (any case), returned in lower case. */
    public String oneOf(String name, String defaultValue, Set<String> allowed) throws MailetException {
        Optional<String> value = optional(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            if (defaultValue == null) {
                throw error(name, "is required; expected one of " + allowed);
            }
            return defaultValue;
        }
        String folded = value.get().toLowerCase(Locale.ROOT);
        if (!allowed.contains(folded)) {
            throw error(name, "<" + name + ">" + value.get() + "</" + name + "> is not allowed; expected one of "
                + allowed + (defaultValue == null ? "" : " (default " + defaultValue + ")"));
        }
        return folded;
    }

    public MailetException error(String name, String what) {
        return new MailetException(mailet + ": parameter " + name + " " + what);
    }
}
