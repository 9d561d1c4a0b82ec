package org.smtpgw.mailets.delivery;

import java.time.Duration;
import java.util.Properties;

import javax.mail.MessagingException;

/**
 * The sending limits and timeouts of one RemoteDelivery, read from the JavaMail session properties (RemoteDelivery
 * passes every {@code mail.*} init parameter of the mailet to JavaMail). Timeouts are in milliseconds, as JavaMail's own;
 * 0 means no timeout. See {@link GatewaySmtpTransport} for the parameter names.
 */
public record OutgoingSettings(int outgoingSessions, int outgoingSessionsPerHost, Duration unreachablePeriod,
                               int connectTimeout, int writeTimeout, int greetingTimeout, int helloTimeout,
                               int mailTimeout, int rcptTimeout, int dataInitiationTimeout,
                               int dataTerminationTimeout, int quitTimeout, String localAddress) {

    public static final String PREFIX = "mail.smtpgw.";
    public static final String OUTGOING_SESSIONS = PREFIX + "outgoingSessions";
    public static final String OUTGOING_SESSIONS_PER_HOST = PREFIX + "outgoingSessionsPerHost";
    public static final String UNREACHABLE_PERIOD = PREFIX + "unreachableCachePeriod";
    public static final String GREETING_TIMEOUT = PREFIX + "greetingTimeout";
    public static final String HELLO_TIMEOUT = PREFIX + "helloTimeout";
    public static final String MAIL_TIMEOUT = PREFIX + "mailTimeout";
    public static final String RCPT_TIMEOUT = PREFIX + "rcptTimeout";
    public static final String DATA_INITIATION_TIMEOUT = PREFIX + "dataInitiationTimeout";
    public static final String DATA_TERMINATION_TIMEOUT = PREFIX + "dataTerminationTimeout";
    public static final String QUIT_TIMEOUT = PREFIX + "quitTimeout";
    public static final String WRITE_TIMEOUT = PREFIX + "writeTimeout";
    /** JavaMail's own names, which RemoteDelivery sets from its connectiontimeout and timeout parameters. */
    public static final String CONNECTION_TIMEOUT = "mail.smtp.connectiontimeout";
    public static final String READ_TIMEOUT = "mail.smtp.timeout";
    /** JavaMail's name of the write timeout, honoured too when set directly in the session properties. */
    public static final String JAVAMAIL_WRITE_TIMEOUT = "mail.smtp.writetimeout";
    public static final String LOCAL_ADDRESS = "mail.smtp.localaddress";

    /** The manual's defaults: OutgoingSessions=20, MaximalOutgoingSessionsPerHost=4, UnreachableCacheRefreshPeriod=1200. */
    static final int DEFAULT_SESSIONS = 20;
    static final int DEFAULT_SESSIONS_PER_HOST = 4;
    static final int DEFAULT_UNREACHABLE_SECONDS = 1200;

    /**
     * Reads the settings; a phase timeout that is not set falls back to {@code mail.smtp.timeout} (James' single reply
     * timeout), so a plain RemoteDelivery configuration keeps its meaning.
     *
     * @throws MessagingException naming the property and what is allowed, when a value is not a number in range
     */
    public static OutgoingSettings from(Properties p) throws MessagingException {
        int read = number(p, READ_TIMEOUT, -1, 0);
        int reply = read < 0 ? 0 : read;
        return new OutgoingSettings(
            number(p, OUTGOING_SESSIONS, DEFAULT_SESSIONS, 1),
            number(p, OUTGOING_SESSIONS_PER_HOST, DEFAULT_SESSIONS_PER_HOST, 1),
            Duration.ofSeconds(number(p, UNREACHABLE_PERIOD, DEFAULT_UNREACHABLE_SECONDS, 0)),
            number(p, CONNECTION_TIMEOUT, 0, 0),
            number(p, WRITE_TIMEOUT, number(p, JAVAMAIL_WRITE_TIMEOUT, 0, 0), 0),
            number(p, GREETING_TIMEOUT, reply, 0),
            number(p, HELLO_TIMEOUT, reply, 0),
            number(p, MAIL_TIMEOUT, reply, 0),
            number(p, RCPT_TIMEOUT, reply, 0),
            number(p, DATA_INITIATION_TIMEOUT, reply, 0),
            number(p, DATA_TERMINATION_TIMEOUT, reply, 0),
            number(p, QUIT_TIMEOUT, reply, 0),
            p.getProperty(LOCAL_ADDRESS, "").trim());
    }

    /**
     * The value of {@code key}, written as is or as James hands it over: James reads mailet parameters with
     * commons-configuration, whose keys double every dot of an element name, so {@code <mail.smtpgw.mailTimeout>}
     * reaches JavaMail as {@code mail..smtpgw..mailTimeout}.
     */
    static String property(Properties p, String key) {
        String value = p.getProperty(key);
        return value != null ? value : p.getProperty(key.replace(".", ".."));
    }

    private static int number(Properties p, String key, int absent, int minimum) throws MessagingException {
        String value = property(p, key);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= minimum) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MessagingException("RemoteDelivery parameter " + key + "='" + value + "': must be a whole number of at"
            + " least " + minimum);
    }
}
