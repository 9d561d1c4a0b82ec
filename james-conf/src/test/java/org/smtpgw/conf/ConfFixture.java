package org.smtpgw.conf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small valid smtpgw.conf that tests change one key at a time. Section and key names as given. */
final class ConfFixture {

    private final Map<String, List<String[]>> sections = new LinkedHashMap<>();

    static ConfFixture valid() {
        return new ConfFixture()
            .with("path", "BasesPath", "var/db/bases")
            .with("path", "LicensePath", "var/db/licenses")
            .with("smtpgw.access", "Rule", "allow from 127.0.0.1 to any")
            .with("smtpgw.network", "Hostname", "gw.example.com")
            .with("smtpgw.network", "Postmaster", "postmaster@example.com")
            .with("smtpgw.network", "ProtectedDomains", "example.com")
            .with("smtpgw.options", "DSNTemplate", "templates/dsn.txt")
            .with("smtpgw.path", "QueuePath", "var/queue")
            .with("smtpgw.path", "ControlPath", "var/run")
            .with("smtpgw.policy", "Check", "true")
            .with("smtpgw.policy", "AdminNotifyAddress", "admin@example.com")
            .with("smtpgw.policy", "NotifyFromAddress", "av@example.com")
            .with("smtpgw.policy", "BackupPath", "var/backup")
            .with("smtpgw.policy", "QuarantinePath", "var/quarantine")
            .with("smtpgw.policy", "NotifyAdminTemplate", "templates/admin.txt")
            .with("smtpgw.policy", "NotifyRecipientTemplate", "templates/recipient.txt")
            .with("smtpgw.policy", "NotifySenderTemplate", "templates/sender.txt")
            .with("smtpgw.policy", "PlaceholderTemplate", "templates/placeholder.txt")
            .with("smtpgw.policy", "ActionDisinfected", "cure")
            .with("smtpgw.policy", "ActionInfected", "remove")
            .with("smtpgw.policy", "ActionSuspicious", "remove")
            .with("smtpgw.policy", "ActionProtected", "pass")
            .with("smtpgw.policy", "ActionError", "remove")
            .with("smtpgw.policy", "ActionFiltered", "pass");
    }

    /** Sets the key (replacing the first line with that exact key), or adds it. */
    ConfFixture with(String section, String key, String value) {
        List<String[]> entries = sections.computeIfAbsent(section, s -> new ArrayList<>());
        for (String[] e : entries) {
            if (e[0].equals(key)) {
                e[1] = value;
                return this;
            }
        }
        entries.add(new String[] {key, value});
        return this;
    }

    /** Adds one more line with this key, for repeatable keys. */
    ConfFixture plus(String section, String key, String value) {
        sections.computeIfAbsent(section, s -> new ArrayList<>()).add(new String[] {key, value});
        return this;
    }

    ConfFixture without(String section, String key) {
        sections.getOrDefault(section, new ArrayList<>()).removeIf(e -> e[0].equals(key));
        return this;
    }

    ConfFixture withoutSection(String section) {
        sections.remove(section);
        return this;
    }

    ConfFixture withSection(String section) {
        sections.computeIfAbsent(section, s -> new ArrayList<>());
        return this;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        sections.forEach((name, entries) -> {
            lines.add("[" + name + "]");
            entries.forEach(e -> lines.add(e[0] + "=" + e[1]));
        });
        return lines;
    }

    /** Loads it with {@code home} as the distribution home (a DSN template is created there). */
    LoadResult load(Path home) {
        try {
            Files.createDirectories(home.resolve("templates"));
            if (!Files.exists(home.resolve("templates/dsn.txt"))) {
                Files.writeString(home.resolve("templates/dsn.txt"), "DSN from [machine]\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigLoader.check(Path.of("smtpgw.conf"), lines(), home);
    }
}
