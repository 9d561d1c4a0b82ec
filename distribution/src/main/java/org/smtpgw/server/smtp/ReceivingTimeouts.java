package org.smtpgw.server.smtp;

import java.time.Duration;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * The receiver's timeouts of {@code [smtpgw.timeouts]}, read from {@code smtpserver.xml}:
 *
 * <pre>{@code
 * <receivingTimeouts>
 *   <command>300</command>          <!-- ReceivingCommandTimeout -->
 *   <dataInitiation>600</dataInitiation> <!-- ReceivingDataInitiationTimeout -->
 *   <dataTermination>300</dataTermination> <!-- ReceivingDataTerminationTimeout -->
 *   <read>120</read>                <!-- ReadTimeout -->
 * </receivingTimeouts>
 * }</pre>
 *
 * @param command waiting for HELO/EHLO, MAIL, the first RCPT and QUIT (and any command outside a transaction)
 * @param dataInitiation waiting for the following RCPTs and DATA, once a recipient is accepted
 * @param dataTermination from the 354 answer to DATA until the terminating CRLF.CRLF
 * @param read the longest pause between two network reads while the client is in the middle of sending
 *     something: a command line or the message content
 */
public record ReceivingTimeouts(Duration command, Duration dataInitiation, Duration dataTermination, Duration read) {

    /** The manual's defaults: 300, 600, 300 and 120 seconds. */
    public static final ReceivingTimeouts DEFAULTS = new ReceivingTimeouts(Duration.ofSeconds(300),
        Duration.ofSeconds(600), Duration.ofSeconds(300), Duration.ofSeconds(120));

    public ReceivingTimeouts {
        requirePositive("command", command);
        requirePositive("dataInitiation", dataInitiation);
        requirePositive("dataTermination", dataTermination);
        requirePositive("read", read);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("receiving timeout " + name + " must be positive, got " + value);
        }
    }

    /** The timeout of one phase. */
    public Duration of(SmtpPhaseTracker.Phase phase) {
        return switch (phase) {
            case COMMAND -> command;
            case DATA_INITIATION -> dataInitiation;
            case DATA_TERMINATION -> dataTermination;
        };
    }

    /** The largest of the four. */
    public Duration longest() {
        Duration longest = command;
        for (Duration d : new Duration[] {dataInitiation, dataTermination, read}) {
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    /** Reads {@code receivingTimeouts} of one {@code <smtpserver>}; a missing key takes the manual's default. */
    public static ReceivingTimeouts parse(HierarchicalConfiguration<ImmutableNode> server) throws ConfigurationException {
        return new ReceivingTimeouts(
            seconds(server, "command", DEFAULTS.command),
            seconds(server, "dataInitiation", DEFAULTS.dataInitiation),
            seconds(server, "dataTermination", DEFAULTS.dataTermination),
            seconds(server, "read", DEFAULTS.read));
    }

    private static Duration seconds(HierarchicalConfiguration<ImmutableNode> server, String key, Duration fallback)
        throws ConfigurationException {
        String path = "receivingTimeouts." + key;
        String text = server.getString(path, null);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("smtpserver.xml <" + path.replace('.', '/') + ">: '" + text
                + "' is not a whole number of seconds of at least 1");
        }
    }
}
