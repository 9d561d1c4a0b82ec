package org.smtpgw.conf.model;

import java.util.Locale;

/** Object statuses that the policy keys name (clean is never named: it needs no action). */
public enum ObjectStatus {
    INFECTED, DISINFECTED, SUSPICIOUS, PROTECTED, ERROR, FILTERED;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
