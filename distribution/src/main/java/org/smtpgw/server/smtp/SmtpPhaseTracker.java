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
    /** James ends the message content at a line of exactly 3 bytes starting with a dot (".\r\n"). */
    private static final int END_OF_DATA_LENGTH = 3;

    private final Deque<String> unanswered = new ArrayDeque<>();
    private boolean inData;
    private boolean recipientAccepted;

    /** A complete line from the client, with its line end, as James receives it. */
    public void lineReceived(String line) {
        lineReceived(line, line.length());
    }

    /**
     * A line from the client: {@code start} is its beginning (at least its first 16 characters, or all of it),
     * {@code length} its full length in bytes with the line end. The rules are James' own, so that the tracker never
     * waits for a reply James does not send: the content ends only at a line of exactly 3 bytes starting with a dot
     * (DataLineJamesMessageHookHandler), and the verb is taken after {@code String.trim()} (CommandDispatcher).
     */
    public void lineReceived(String start, int length) {
        if (inData) {
            if (length == END_OF_DATA_LENGTH && start.startsWith(END_OF_DATA)) {
                inData = false;
                unanswered.add(END_OF_DATA);
            }
            return;
        }
        String text = stripLineEnd(start).trim();
        int space = text.indexOf(' ');
        unanswered.add((space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT));
    }

    /** The final line of a reply the server writes (its 3-digit code); a reply nobody asked for (the greeting) is ignored. */
    public void replied(int code) {
        String command = unanswered.poll();
        if (command == null) {
            return;
        }
        if (code == 354) {
            // James' SMTP answers 354 to DATA only; whatever the tracker made of the verb, the content follows now
            inData = true;
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
            case "DATA" -> {
                // refused DATA (354 is handled above): the transaction goes on
            }
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
