package org.smtpgw.matchers.mask;

/**
 * A domain or address mask that cannot be parsed. The message names the offending text and what is allowed,
 * so callers can prefix it with where the mask came from (parameter, rule number, file line).
 */
public class InvalidMaskException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidMaskException(String message) {
        super(message);
    }
}
