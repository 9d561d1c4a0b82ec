package org.smtpgw.mailets.smtp;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Reads the child elements of a {@code <handler>} in smtpserver.xml strictly: unknown elements and values out of
 * range stop the server at start with a message naming the handler, the element, the value and what is allowed.
 */
final class HandlerParameters {
    private final String handler;
    private final Configuration config;

    private HandlerParameters(String handler, Configuration config) {
        this.handler = handler;
        this.config = config;
    }

    /**
     * @param handler  simple class name used in messages
     * @param allowed  the child element names the handler reads
     * @throws ConfigurationException if the configuration has a child element not in {@code allowed}
     */
    static HandlerParameters of(String handler, Configuration config, Set<String> allowed) throws ConfigurationException {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> keys = config.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            // Attributes of the <handler> element itself (class, ...) are James' business, not ours.
            if (!key.startsWith("[@") && !allowed.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(handler + ": unknown parameter(s) " + unknown
                + " in its <handler> element; allowed: " + new TreeSet<>(allowed));
        }
        return new HandlerParameters(handler, config);
    }

    /** A whole number parameter from {@code min} to {@code max}, {@code defaultValue} when absent. */
    long longInRange(String name, long defaultValue, long min, long max) throws ConfigurationException {
        if (!config.containsKey(name)) {
            return defaultValue;
        }
        String raw = config.getString(name);
        String value = raw == null ? "" : raw.trim();
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(handler + ": <" + name + ">" + value + "</" + name + "> is not a whole number; "
                + allowedRange(min, max, defaultValue), e);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigurationException(handler + ": <" + name + ">" + value + "</" + name + "> is out of range; "
                + allowedRange(min, max, defaultValue));
        }
        return parsed;
    }

    int intInRange(String name, int defaultValue, int min, int max) throws ConfigurationException {
        return (int) longInRange(name, defaultValue, min, max);
    }

    /** Every value of a repeated element, in document order; an empty element gives an empty string. */
    List<String> strings(String name) {
        // Not getStringArray: for a single empty element it returns nothing, which would silently drop it.
        Object property = config.getProperty(name);
        if (property == null) {
            return List.of();
        }
        if (property instanceof Collection<?> values) {
            return values.stream().map(value -> value == null ? "" : value.toString()).toList();
        }
        return List.of(property.toString());
    }

    private static String allowedRange(long min, long max, long defaultValue) {
        return "expected a whole number from " + min + " to " + max + " (default " + defaultValue + ")";
    }
}
