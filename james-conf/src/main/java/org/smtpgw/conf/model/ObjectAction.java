package org.smtpgw.conf.model;

import java.util.Locale;

/** What happens to an object of a given status. */
public enum ObjectAction {
    CURE, PASS, REMOVE, PLACEHOLDER;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
