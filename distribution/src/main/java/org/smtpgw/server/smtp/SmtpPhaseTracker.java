package org.smtpgw.server.smtp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Follows one SMTP session from the lines the client sends and the replies the server writes, to tell which
 * receiving timeout applies and whether the server is waiting for the client at all.
 *
 * <p>Each client line outside DATA gets exactly one reply (also with PIPELINING, where several lines are read
 * before the first reply), so the lines are queued and each final reply line is matched to the oldest one. The
 * outcome of a command is taken from its reply code: a refused RCPT does not start the data-initiation phase,
 * DATA enters the message content only on 354. Not thread safe: one instance per connection, used on its event loop.
 */
public final class SmtpPhaseTracker {

    /** Which receiving timeout applies while the server waits for the client. */
    public enum Phase {
        /** HELO/EHLO, MAIL, the first RCPT, QUIT: ReceivingCommandTimeout. */
        COMMAND,
        /** After an accepted RCPT: the following RCPTs and DATA, ReceivingDataInitiationTimeout. */
        DATA_INITIATION,
        /** After 354, until CRLF.CRLF: ReceivingDataTerminationTimeout. */
        DATA_TERMINATION
    }

    private static final String END_OF_DATA = ".";

    private final Deque<String> unanswered = new ArrayDeque<>();
    private boolean inData;
    private boolean recipientAccepted;

    /** A complete line from the client, with or without its line end. */
    public void lineReceived(String line) {
        String text = stripLineEnd(line);
        if (inData) {
            if (text.equals(END_OF_DATA)) {
                inData = false;
                unanswered.add(END_OF_DATA);
            }
            return;
        }
        int space = text.indexOf(' ');
        unanswered.add((space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT));
    }

    /** The final line of a reply the server writes (its 3-digit code); a reply nobody asked for (the greeting) is ignored. */
    public void replied(int code) {
        String command = unanswered.poll();
        if (command == null) {
            return;
        }
        boolean positive = code >= 200 && code < 300;
        switch (command) {
            case "HELO", "EHLO", "RSET", "MAIL" -> {
                if (positive) {
                    recipientAccepted = false;
                }
            }
            case "RCPT" -> recipientAccepted |= positive;
            case "DATA" -> inData = code == 354;
            case END_OF_DATA -> recipientAccepted = false;
            default -> {
                // NOOP, VRFY, HELP, unknown commands: no change of phase
            }
        }
    }

    /** True while the server has answered everything and the client is to send (a command or the message content). */
    public boolean waitingForClient() {
        return unanswered.isEmpty();
    }

    public Phase phase() {
        if (inData) {
            return Phase.DATA_TERMINATION;
        }
        return recipientAccepted ? Phase.DATA_INITIATION : Phase.COMMAND;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
