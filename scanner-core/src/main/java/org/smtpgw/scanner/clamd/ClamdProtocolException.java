package org.smtpgw.scanner.clamd;

/**
 * clamd answered something that is not a clamd reply (a different service on the port, a truncated or
 * garbled reply). Nothing can be concluded about the object, so the engine treats it as unavailability.
 */
public class ClamdProtocolException extends ClamdUnavailableException {
    private static final long serialVersionUID = 1L;

    public ClamdProtocolException(String message) {
        super(message);
    }
}
