package org.smtpgw.matchers.verdict;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.smtpgw.scanner.model.MessageVerdict;

/**
 * What the {@code Scan} mailet left on a mail, read back by {@link VerdictAttributes#read}.
 *
 * @param verdict the objects and their statuses (cured content included for disinfected MIME parts)
 * @param group   the sender/recipient group the mail was scanned for
 * @param engine  the engine and database version that scanned it, such as {@code built-in 2026112801}
 * @param actions the action taken on each object by {@code ActOnObjects}, keyed by object path
 *                ({@code 2/report.zip/a.exe}); empty before it ran
 */
public record ScanResult(MessageVerdict verdict, String group, String engine, Map<String, String> actions) {

    public ScanResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(engine, "engine");
        actions = Map.copyOf(actions);
    }

    /** The action taken on the object at this path, when {@code ActOnObjects} acted on it. */
    public Optional<String> actionFor(String path) {
        return Optional.ofNullable(actions.get(path));
    }
}
