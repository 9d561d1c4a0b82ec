package org.smtpgw.matchers.malformed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Event;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Checks a message against the {@link MalformedRule}s: mime4j's streaming parser walks the structure (its
 * {@link DecodeMonitor} reports invalid header lines, unterminated multiparts and undecodable base64 or
 * quoted-printable, which mime4j otherwise skips silently), and {@link RawLineInspector} watches the octets for
 * line ends, NUL and line length. Attached messages ({@code message/rfc822}, {@code message/global}) are checked
 * as messages of their own, one nesting level deeper, except for the rules about their transport form (line ends,
 * NUL, line length, which apply to the octets of the whole message) and {@code required-headers} (a forwarded draft
 * may lack a Date). Thread-safe: no state between checks.
 */
public final class MalformedMailChecker {
    /** RFC 5322 3.6: fields that may appear at most once. */
    private static final Set<String> AT_MOST_ONCE = Set.of("date", "from", "sender", "reply-to", "to", "cc", "bcc",
        "message-id", "in-reply-to", "references", "subject");
    private static final Set<String> ENCODINGS = Set.of("7bit", "8bit", "binary", "quoted-printable", "base64");
    private static final Set<String> IDENTITY_ENCODINGS = Set.of("7bit", "8bit", "binary");
    /** RFC 2046 5.1.1 bcharsnospace, plus space (not last). */
    private static final String BOUNDARY_CHARS = "'()+_,-./:=? ";
    private static final int MAX_BOUNDARY = 70;
    private static final MimeConfig CONFIG = MimeConfig.copy(MimeConfig.PERMISSIVE)
        .setMaxContentLen(-1).setMaxHeaderCount(-1).setMaxHeaderLen(-1).setMaxLineLen(-1)
        .build();

    private final MalformedRules rules;

    public MalformedMailChecker(MalformedRules rules) {
        this.rules = rules;
    }

    /**
     * @return the first finding of each rule broken, in the order found; empty for a message that breaks none
     * @throws IOException when reading {@code message} fails
     */
    public List<Finding> check(InputStream message) throws IOException {
        Map<MalformedRule, Finding> found = new LinkedHashMap<>();
        Consumer<Finding> sink = f -> {
            if (rules.checks(f.rule())) {
                found.putIfAbsent(f.rule(), f);
            }
        };
        RawLineInspector raw = new RawLineInspector(message, sink);
        new Walk(sink, "", 0, true).message(raw);
        raw.drain();
        return List.copyOf(found.values());
    }

    /** One message level: the top message or an attached one (prefix = its part number). */
    private final class Walk {
        private final Consumer<Finding> sink;
        private final String prefix;
        private final int depth;
        private final boolean top;

        Walk(Consumer<Finding> sink, String prefix, int depth, boolean top) {
            this.sink = sink;
            this.prefix = prefix;
            this.depth = depth;
            this.top = top;
        }

        private String where() {
            return top ? "" : "attached message " + prefix + ": ";
        }

        void message(InputStream in) throws IOException {
            Deque<Frame> frames = new ArrayDeque<>();
            MimeTokenStream stream = new MimeTokenStream(CONFIG, new ParseMonitor(sink,
                () -> where() + (frames.isEmpty() ? "message header" : frames.element().describe()) + ": "), null);
            stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
            stream.parse(in);
            int nesting = depth;
            try {
                for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM;
                     state = stream.next()) {
                    switch (state) {
                        case T_START_MESSAGE -> frames.push(new Frame(prefix, true));
                        case T_START_BODYPART -> {
                            Frame parent = frames.element();
                            parent.children++;
                            frames.push(new Frame(parent.child(parent.children), false));
                        }
                        case T_FIELD -> field(frames.element(), stream.getField());
                        case T_END_HEADER -> {
                            if (top && frames.size() == 1) {
                                requiredHeaders(frames.element());
                            }
                        }
                        case T_START_MULTIPART -> {
                            nesting++;
                            if (nesting > rules.maxDepth()) {
                                sink.accept(new Finding(MalformedRule.NESTING, where() + "more than "
                                    + rules.maxDepth() + " nested multiparts and attached messages"));
                                return;
                            }
                            multipart(frames.element(), stream.getBodyDescriptor());
                        }
                        case T_END_MULTIPART -> nesting--;
                        case T_BODY -> {
                            if (!body(frames.element(), stream.getBodyDescriptor(), stream.getInputStream(),
                                nesting)) {
                                return;
                            }
                        }
                        case T_END_BODYPART, T_END_MESSAGE -> frames.pop();
                        default -> {
                            // preamble, epilogue, header start: nothing to check
                        }
                    }
                }
            } catch (MimeException e) {
                sink.accept(new Finding(MalformedRule.MIME_STRUCTURE, where() + "cannot be parsed further: "
                    + e.getMessage()));
            } catch (MimeIOException e) {
                sink.accept(new Finding(MalformedRule.MIME_STRUCTURE, where() + "cannot be parsed further: "
                    + e.getMessage()));
            } catch (RuntimeException e) {
                // mime4j failing on some input is a finding, not an error: the mail must not go to James' error
                // processor because the check could not finish
                sink.accept(new Finding(MalformedRule.MIME_STRUCTURE, where() + "cannot be parsed further: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
        }

        private void field(Frame frame, Field field) {
            frame.fields.add(field);
            ByteSequence raw = field.getRaw();
            if (raw == null) {
                return;
            }
            byte[] bytes = raw.toByteArray();
            boolean colon = false;
            boolean eightBit = false;
            for (byte b : bytes) {
                colon |= b == ':';
                eightBit |= (b & 0x80) != 0;
            }
            if (!colon) {
                sink.accept(new Finding(MalformedRule.HEADER_SYNTAX, where() + frame.describe()
                    + ": header line '" + printable(field.getName()) + "' has no colon"));
            }
            if (eightBit && !isUtf8(bytes)) {
                sink.accept(new Finding(MalformedRule.HEADER_8BIT, where() + frame.describe() + ": header field "
                    + printable(field.getName()) + " has 8-bit octets that are not UTF-8"));
            }
        }

        private void requiredHeaders(Frame frame) {
            Map<String, Integer> counts = new HashMap<>();
            for (Field f : frame.fields) {
                counts.merge(f.getName().trim().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
            for (String name : List.of("from", "date")) {
                if (!counts.containsKey(name)) {
                    sink.accept(new Finding(MalformedRule.REQUIRED_HEADERS, "no " + capitalized(name)
                        + " header field"));
                    return;
                }
            }
            AT_MOST_ONCE.stream().sorted().filter(n -> counts.getOrDefault(n, 0) > 1).findFirst()
                .ifPresent(n -> sink.accept(new Finding(MalformedRule.REQUIRED_HEADERS, counts.get(n) + " "
                    + capitalized(n) + " header fields (at most one allowed)")));
        }

        private void multipart(Frame frame, BodyDescriptor descriptor) {
            compositeEncoding(frame, descriptor);
            String boundary = descriptor.getBoundary();
            if (boundary == null) {
                return; // mime4j then fails on the next step, reported as unparsable
            }
            boolean valid = !boundary.isEmpty() && boundary.length() <= MAX_BOUNDARY
                && !boundary.endsWith(" ");
            for (char c : boundary.toCharArray()) {
                valid &= c < 128 && (Character.isLetterOrDigit(c) || BOUNDARY_CHARS.indexOf(c) >= 0);
            }
            if (!valid) {
                sink.accept(new Finding(MalformedRule.MIME_STRUCTURE, where() + frame.describe()
                    + ": boundary '" + printable(boundary) + "' is not 1 to 70 of the characters RFC 2046 allows"));
            }
        }

        private void compositeEncoding(Frame frame, BodyDescriptor descriptor) {
            String encoding = descriptor.getTransferEncoding();
            if (!IDENTITY_ENCODINGS.contains(encoding)) {
                sink.accept(new Finding(MalformedRule.TRANSFER_ENCODING, where() + frame.describe() + ": "
                    + descriptor.getMimeType() + " with Content-Transfer-Encoding " + printable(encoding)
                    + " (only 7bit, 8bit or binary)"));
            }
        }

        /** @return false when the walk must stop (nesting too deep) */
        private boolean body(Frame frame, BodyDescriptor descriptor, InputStream raw, int nesting)
            throws IOException {
            String encoding = descriptor.getTransferEncoding();
            String mimeType = descriptor.getMimeType();
            declaredMultipartWithoutBoundary(frame, mimeType);
            if (!ENCODINGS.contains(encoding) && !encoding.startsWith("x-")) {
                sink.accept(new Finding(MalformedRule.TRANSFER_ENCODING, where() + frame.describe()
                    + ": unknown Content-Transfer-Encoding " + printable(encoding)));
            }
            if (mimeType.equals("message/rfc822") || mimeType.equals("message/global")) {
                if (nesting + 1 > rules.maxDepth()) {
                    sink.accept(new Finding(MalformedRule.NESTING, where() + "more than " + rules.maxDepth()
                        + " nested multiparts and attached messages"));
                    return false;
                }
                compositeEncoding(frame, descriptor);
                String number = frame.message ? frame.child(1) : frame.number;
                new Walk(sink, number, nesting + 1, false).message(decoded(raw, encoding, frame));
                return true;
            }
            if (encoding.equals("7bit")) {
                if (hasEightBit(raw)) {
                    sink.accept(new Finding(MalformedRule.TRANSFER_ENCODING, where() + frame.describe()
                        + ": 8-bit octets in a 7bit part (no or a 7bit Content-Transfer-Encoding)"));
                }
                return true;
            }
            decoded(raw, encoding, frame).transferTo(OutputStream.nullOutputStream());
            return true;
        }

        private void declaredMultipartWithoutBoundary(Frame frame, String parsedType) {
            if (parsedType.startsWith("multipart/")) {
                return;
            }
            for (Field f : frame.fields) {
                if (f.getName().trim().equalsIgnoreCase("Content-Type")
                    && f.getBody().trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                    sink.accept(new Finding(MalformedRule.MIME_STRUCTURE, where() + frame.describe()
                        + ": multipart without a boundary parameter"));
                    return;
                }
            }
        }

        private InputStream decoded(InputStream raw, String encoding, Frame frame) {
            DecodeMonitor monitor = new BodyMonitor(sink, where() + frame.describe() + ": " + encoding + ": ");
            if (encoding.equals("base64")) {
                return new Base64InputStream(raw, monitor);
            }
            if (encoding.equals("quoted-printable")) {
                return new QuotedPrintableInputStream(raw, monitor);
            }
            return raw;
        }
    }

    private static boolean hasEightBit(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        boolean found = false;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n && !found; i++) {
                found = (buffer[i] & 0x80) != 0;
            }
        }
        return found;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** For reasons in logs and attributes: control characters and non-ASCII shown as '?', at most 60 characters. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().limit(60).forEach(c -> out.append(c < 32 || c > 126 ? '?' : (char) c));
        return value.length() > 60 ? out + "..." : out.toString();
    }

    private static String capitalized(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '-';
        }
        return out.toString().replace("Message-Id", "Message-ID");
    }

    /** An entity of one message level: the message itself or a body part. */
    private static final class Frame {
        final String number;
        final boolean message;
        final List<Field> fields = new ArrayList<>();
        int children;

        Frame(String number, boolean message) {
            this.number = number;
            this.message = message;
        }

        String child(int index) {
            return number.isEmpty() ? String.valueOf(index) : number + "." + index;
        }

        String describe() {
            return message ? "message header" : "part " + number;
        }
    }

    /** The parser's warnings: what mime4j would otherwise skip silently. */
    private static final class ParseMonitor extends DecodeMonitor {
        private final Consumer<Finding> sink;
        private final Supplier<String> where;

        ParseMonitor(Consumer<Finding> sink, Supplier<String> where) {
            this.sink = sink;
            this.where = where;
        }

        /** mime4j's "Line N:" prefix is not used: it counts the lines read into its buffer, not the line parsed. */
        @Override
        public boolean warn(String message, String action) {
            if (message.endsWith(Event.INVALID_HEADER.toString())) {
                sink.accept(new Finding(MalformedRule.HEADER_SYNTAX, where.get()
                    + "a header line that is not a field (name, colon, value), nor the continuation of one"));
            } else if (message.endsWith(Event.MIME_BODY_PREMATURE_END.toString())) {
                sink.accept(new Finding(MalformedRule.MIME_STRUCTURE, where.get()
                    + "a multipart not closed by its final boundary"));
            }
            // obsolete header syntax must be accepted (RFC 5322 4); a header section ending at the end of the
            // message is a message without body, which is allowed
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }

    /** The decoders' warnings about base64 and quoted-printable data. */
    private static final class BodyMonitor extends DecodeMonitor {
        private final Consumer<Finding> sink;
        private final String where;

        BodyMonitor(Consumer<Finding> sink, String where) {
            this.sink = sink;
            this.where = where;
        }

        @Override
        public boolean warn(String message, String action) {
            // Bare CR and LF are the line-endings rule's; trailing blanks are removed by decoders (RFC 2045 6.7 (3))
            if (message.startsWith("Found CR without LF") || message.startsWith("Found LF without CR")
                || message.startsWith("Found non-standard soft line break") || "ignored blanks".equals(action)) {
                return false;
            }
            sink.accept(new Finding(MalformedRule.TRANSFER_ENCODING, where + printable(message)));
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
