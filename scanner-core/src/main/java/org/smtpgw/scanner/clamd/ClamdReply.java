package org.smtpgw.scanner.clamd;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * clamd's answer to one {@code zINSTREAM}, parsed strictly.
 *
 * <p>The grammar (clamd.8, and clamd's {@code session.c}/{@code scanner.c} replies), after the terminating NUL
 * is removed:
 * <pre>
 *   stream: OK                 -> {@link Clean}
 *   stream: NAME FOUND         -> {@link Found}  NAME is everything between, spaces and colons included
 *   stream: REASON ERROR       -> {@link Error}  the object could not be scanned
 *   REASON ERROR               -> {@link Error}  a command-level error, e.g. "INSTREAM size limit exceeded. ERROR"
 *   anything else              -> {@link ClamdProtocolException}
 * </pre>
 * With {@code ExtendedDetectionInfo yes} clamd appends {@code (hash:size)} to NAME; that suffix is dropped.
 */
public sealed interface ClamdReply {

    /** The reply clamd sends when a stream goes past its StreamMaxLength. */
    String SIZE_LIMIT_EXCEEDED = "INSTREAM size limit exceeded.";

    /** {@code stream: OK}. */
    record Clean() implements ClamdReply {
    }

    /** {@code stream: NAME FOUND}. */
    record Found(String signature) implements ClamdReply {
        public Found {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** {@code ... ERROR}. */
    record Error(String reason) implements ClamdReply {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }

        /** clamd stopped reading because the stream passed its StreamMaxLength. */
        public boolean isSizeLimitExceeded() {
            return reason.equals(SIZE_LIMIT_EXCEEDED);
        }
    }

    /**
     * Parses the reply to a scan command.
     *
     * @param reply the reply without its terminating NUL
     * @throws ClamdProtocolException when the reply is not one of the forms above
     */
    static ClamdReply parseScanReply(String reply) throws ClamdProtocolException {
        Parser.requireSingleLine(reply);
        if (reply.startsWith(Parser.STREAM_PREFIX)) {
            String rest = reply.substring(Parser.STREAM_PREFIX.length());
            if (rest.equals("OK")) {
                return new Clean();
            }
            if (rest.endsWith(Parser.FOUND_SUFFIX)) {
                String name = Parser.stripExtendedInfo(rest.substring(0, rest.length() - Parser.FOUND_SUFFIX.length()));
                return new Found(Parser.requireText(name, reply, "virus name"));
            }
            if (rest.endsWith(Parser.ERROR_SUFFIX)) {
                return new Error(Parser.requireText(rest.substring(0, rest.length() - Parser.ERROR_SUFFIX.length()),
                    reply, "error reason"));
            }
        } else if (reply.endsWith(Parser.ERROR_SUFFIX)) {
            return new Error(Parser.requireText(reply.substring(0, reply.length() - Parser.ERROR_SUFFIX.length()),
                reply, "error reason"));
        }
        throw new ClamdProtocolException("not a clamd scan reply: " + Parser.quote(reply));
    }

    /** Helpers of {@link #parseScanReply}, kept out of the interface's public surface. */
    final class Parser {
        static final String STREAM_PREFIX = "stream: ";
        static final String FOUND_SUFFIX = " FOUND";
        static final String ERROR_SUFFIX = " ERROR";
        private static final Pattern EXTENDED_INFO = Pattern.compile(
            "\\((?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}):[0-9]+\\)$");
        private static final int QUOTE_LIMIT = 200;

        private Parser() {
        }

        static void requireSingleLine(String reply) throws ClamdProtocolException {
            for (int i = 0; i < reply.length(); i++) {
                char c = reply.charAt(i);
                if (c == '\n' || c == '\r' || c == '\0') {
                    throw new ClamdProtocolException("clamd reply has a control character at " + i + ": "
                        + quote(reply));
                }
            }
        }

        static String stripExtendedInfo(String name) {
            return EXTENDED_INFO.matcher(name).replaceFirst("");
        }

        static String requireText(String text, String reply, String what) throws ClamdProtocolException {
            if (text.isBlank() || !text.equals(text.strip())) {
                throw new ClamdProtocolException("clamd reply has an empty or padded " + what + ": " + quote(reply));
            }
            return text;
        }

        static String quote(String reply) {
            String shown = reply.length() > QUOTE_LIMIT ? reply.substring(0, QUOTE_LIMIT) + "..." : reply;
            StringBuilder quoted = new StringBuilder("'");
            for (char c : shown.toCharArray()) {
                if (c < 0x20 || c == 0x7f) {
                    quoted.append(String.format("\\x%02x", (int) c));
                } else {
                    quoted.append(c);
                }
            }
            return quoted.append('\'').toString();
        }
    }
}
