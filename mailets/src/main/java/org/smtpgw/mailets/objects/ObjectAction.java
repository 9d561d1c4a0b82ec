package org.smtpgw.mailets.objects;

import java.util.Locale;

/** What {@link ActOnObjects} does with the top-level MIME part carrying objects of a status. */
public enum ObjectAction {
    /** Leave the part as it is. */
    PASS,
    /** Take the part out of the message. */
    REMOVE,
    /** Replace the part by a text/plain part made from the placeholder template. */
    PLACEHOLDER,
    /** Replace each disinfected MIME part by its cured content (only for {@code disinfected}). */
    CURE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
