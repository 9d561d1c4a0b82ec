package org.smtpgw.mailets.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notification or placeholder template: plain UTF-8 text with macros written {@code ${name}}. A notification
 * template may start with a {@code Subject:} line followed by an empty line; the rest is the body.
 *
 * <p>Macros: {@code ${sender}}, {@code ${recipients}}, {@code ${subject}}, {@code ${messageId}}, {@code ${date}},
 * {@code ${group}}, {@code ${statuses}}, {@code ${virusNames}}, {@code ${objects}} (one line per object that is not
 * clean: path, name, status, virus names, action), {@code ${hostname}}, {@code ${mailName}} (the envelope id); in a
 * placeholder also {@code ${name}}, {@code ${type}}, {@code ${status}}, {@code ${action}}. An unknown macro is an error
 * when the template is loaded, so a typo is seen at start rather than in a notification. {@code $$} is a literal
 * {@code $}.
 */
public final class Template {
    public static final Set<String> NOTIFICATION_MACROS = Set.of("sender", "recipients", "subject", "messageId", "date",
        "group", "statuses", "virusNames", "objects", "hostname", "mailName");
    public static final Set<String> PLACEHOLDER_MACROS = Set.of("sender", "recipients", "subject", "messageId", "date",
        "group", "statuses", "virusNames", "hostname", "mailName", "name", "type", "status", "action");

    private static final Pattern MACRO = Pattern.compile("\\$\\$|\\$\\{([A-Za-z]+)}");
    private static final String CLASSPATH = "classpath:";

    private final String source;
    private final String subject;
    private final String body;

    private Template(String source, String subject, String body) {
        this.source = source;
        this.subject = subject;
        this.body = body;
    }

    /**
     * Loads a template from a file path, or from this jar with {@code classpath:templates/NAME.txt}.
     *
     * @throws IllegalArgumentException naming the location, for an unreadable file or an unknown macro
     */
    public static Template load(String location, Set<String> macros) {
        String text;
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length());
                try (InputStream in = Template.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("template " + location + " not found in the class path");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                text = Files.readString(Path.of(location), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read template " + location + ": " + e.getMessage(), e);
        }
        return parse(location, text, macros);
    }

    static Template parse(String source, String text, Set<String> macros) {
        String normalized = text.replace("\r\n", "\n");
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = MACRO.matcher(normalized);
        while (matcher.find()) {
            if (matcher.group(1) != null && !macros.contains(matcher.group(1))) {
                unknown.add("${" + matcher.group(1) + "}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("template " + source + ": unknown macro(s) " + unknown + "; known: "
                + new java.util.TreeSet<>(macros));
        }
        String subject = "";
        String body = normalized;
        if (normalized.regionMatches(true, 0, "Subject:", 0, 8)) {
            int end = normalized.indexOf('\n');
            subject = (end < 0 ? normalized.substring(8) : normalized.substring(8, end)).trim();
            body = end < 0 ? "" : normalized.substring(end + 1);
            if (body.startsWith("\n")) {
                body = body.substring(1);
            }
        }
        return new Template(source, subject, body);
    }

    /** The subject line with macros replaced; CR/LF in values cannot break out of it. */
    public String subject(Map<String, String> values) {
        return Notifications.sanitizeLine(render(subject, values));
    }

    /** The body with macros replaced. */
    public String body(Map<String, String> values) {
        return render(body, values);
    }

    public boolean hasSubject() {
        return !subject.isEmpty();
    }

    public String source() {
        return source;
    }

    private static String render(String text, Map<String, String> values) {
        Matcher matcher = MACRO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) == null ? "$" : Objects.toString(values.get(matcher.group(1)), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
