package org.smtpgw.conf;

import java.util.Locale;
import java.util.Optional;

/**
 * The sections of {@code smtpgw.conf}. Names are compared case-insensitively; {@link #GROUP} stands for every
 * {@code [smtpgw.group:NAME]} section.
 */
public enum ConfSection {
    PATH("path", true, "Where the anti-virus database and the licence keys live."),
    LOCALE("locale", false, "Date and time formats of the logs and notifications."),
    ACCESS("smtpgw.access", false, "Who may relay through the gateway, and DNS checks on clients."),
    AVE("smtpgw.ave", false, "The anti-virus engine."),
    FORWARD("smtpgw.forward", false, "The routing table."),
    LIMITS("smtpgw.limits", false, "Concurrency and size limits."),
    NETWORK("smtpgw.network", true, "Listening addresses and the gateway's identity."),
    OPTIONS("smtpgw.options", true, "Logging, statistics, DSN and other options."),
    SMTPGW_PATH("smtpgw.path", true, "Archives, queue and control files."),
    TIMEOUTS("smtpgw.timeouts", false, "Retry schedule, caches and network timeouts."),
    POLICY("smtpgw.policy", true, "The default group: how mail is scanned and handled."),
    GROUP("smtpgw.group:NAME", false, "A sender/recipient group; every key it omits comes from [smtpgw.policy]."),
    ADMIN("smtpgw.admin", false, "smtpgw addition: WebAdmin and JMX of the bundled James server."),
    UPDATER_PATH("updater.path", false, "Paths of the database updater (keepup2date)."),
    UPDATER_OPTIONS("updater.options", false, "Update sources of keepup2date."),
    UPDATER_REPORT("updater.report", false, "Report of keepup2date.");

    public static final String GROUP_PREFIX = "smtpgw.group:";

    private final String label;
    private final boolean required;
    private final String description;

    ConfSection(String label, boolean required, String description) {
        this.label = label;
        this.required = required;
        this.description = description;
    }

    /** The canonical spelling, e.g. {@code smtpgw.limits}; {@code smtpgw.group:NAME} for groups. */
    public String label() {
        return label;
    }

    /** Whether the file must contain this section (because it holds required keys). */
    public boolean required() {
        return required;
    }

    public String description() {
        return description;
    }

    /** The section a header names, or empty when it names none; group headers map to {@link #GROUP}. */
    public static Optional<ConfSection> byHeader(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        if (h.startsWith(GROUP_PREFIX)) {
            return Optional.of(GROUP);
        }
        for (ConfSection s : values()) {
            if (s != GROUP && s.label.equals(h)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
