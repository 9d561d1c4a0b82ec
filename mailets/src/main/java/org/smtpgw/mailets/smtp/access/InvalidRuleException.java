package org.smtpgw.mailets.smtp.access;

/** An access rule that cannot be parsed; the message quotes the rule and says what is allowed. */
public class InvalidRuleException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidRuleException(String message) {
        super(message);
    }
}
