package org.smtpgw.scanner.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Walks the leaf parts of one message level with mime4j's streaming parser, numbering them as IMAP does
 * (see {@link org.smtpgw.scanner.model.ObjectPath}) and decoding each body ({@link TransferDecoder}).
 *
 * <p>Attached messages ({@code message/rfc822}) are not entered: they come out as leaf parts, and the caller walks
 * their content again with the part number as prefix. Multipart containers are not parts. The parser runs in
 * mime4j's permissive mode, as James does: real mail is often slightly malformed.
 *
 * <p>A structure mime4j cannot parse any further is reported once to {@link PartVisitor#broken}, and the walk
 * ends; the parts seen before stay reported. Thread-safe (no state between walks).
 */
public final class MimeWalker {

    /** Receives the parts; may throw to stop the walk. */
    public interface PartVisitor<X extends Exception> {
        void part(MimePart part) throws X;

        /** The message cannot be parsed past this point; {@code number} is a number no part was reported with. */
        void broken(String number, String reason) throws X;
    }

    private static final MimeConfig CONFIG = MimeConfig.copy(MimeConfig.PERMISSIVE)
        .setMaxContentLen(-1).setMaxHeaderCount(-1).setMaxHeaderLen(-1).setMaxLineLen(-1).build();

    private final long maxObjectSize;

    public MimeWalker(long maxObjectSize) {
        this.maxObjectSize = maxObjectSize;
    }

    /** One entity being parsed: a message (numbered by its prefix) or a body part. */
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
    }

    /**
     * @throws SourceReadException when reading {@code message} itself fails
     */
    public <X extends Exception> void walk(InputStream message, PartVisitor<X> visitor)
        throws X, SourceReadException {
        MimeTokenStream stream = new MimeTokenStream(CONFIG, DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(message);
        Deque<Frame> frames = new ArrayDeque<>();
        Set<String> reported = new HashSet<>();
        String lastStarted = "1";
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_MESSAGE -> frames.push(new Frame("", true));
                    case T_START_BODYPART -> {
                        Frame parent = frames.element();
                        parent.children++;
                        lastStarted = parent.child(parent.children);
                        frames.push(new Frame(lastStarted, false));
                    }
                    case T_FIELD -> frames.element().fields.add(stream.getField());
                    case T_BODY -> {
                        Frame frame = frames.element();
                        String number = frame.message ? frame.child(1) : frame.number;
                        reported.add(number);
                        visitor.part(part(stream, frame, number));
                    }
                    case T_END_BODYPART, T_END_MESSAGE -> frames.pop();
                    default -> {
                        // headers, multipart boundaries, preamble and epilogue carry nothing to scan
                    }
                }
            }
        } catch (IOException e) {
            Optional<SourceReadException> source = SourceInputStream.sourceFailure(e);
            if (source.isPresent()) {
                throw source.get();
            }
            visitor.broken(unreported(lastStarted, reported), "unparsable MIME structure: " + describe(e));
        } catch (MimeException | RuntimeException e) {
            Optional<SourceReadException> source = SourceInputStream.sourceFailure(e);
            if (source.isPresent()) {
                throw source.get();
            }
            visitor.broken(unreported(lastStarted, reported), "unparsable MIME structure: " + describe(e));
        }
    }

    private MimePart part(MimeTokenStream stream, Frame frame, String number) throws IOException {
        BodyDescriptor descriptor = stream.getBodyDescriptor();
        String declared = descriptor.getMimeType() == null ? "text/plain"
            : descriptor.getMimeType().toLowerCase(Locale.ROOT);
        DecodedBody body = TransferDecoder.decode(stream.getInputStream(), descriptor.getTransferEncoding(),
            maxObjectSize);
        Optional<String> name = PartNames.nameOf(frame.fields);
        return new MimePart(number, name.isPresent() ? name : body.embeddedName(), declared, body);
    }

    private static String unreported(String number, Set<String> reported) {
        String candidate = number;
        while (reported.contains(candidate)) {
            int dot = candidate.lastIndexOf('.');
            String prefix = dot < 0 ? "" : candidate.substring(0, dot + 1);
            candidate = prefix + (Integer.parseInt(candidate.substring(dot + 1)) + 1);
        }
        return candidate;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
