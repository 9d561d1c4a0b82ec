package org.smtpgw.scanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.smtpgw.scanner.archive.ArchiveFormat;
import org.smtpgw.scanner.archive.EntryReader;
import org.smtpgw.scanner.archive.UnpackBudget;
import org.smtpgw.scanner.archive.UnpackException;
import org.smtpgw.scanner.archive.UnpackedEntry;
import org.smtpgw.scanner.detect.MagicTypeDetector;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.mime.DecodedBody;
import org.smtpgw.scanner.mime.MboxSplitter;
import org.smtpgw.scanner.mime.MimePart;
import org.smtpgw.scanner.mime.MimeWalker;
import org.smtpgw.scanner.mime.SourceInputStream;
import org.smtpgw.scanner.mime.SourceReadException;
import org.smtpgw.scanner.mime.UuDecoder;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ObjectPath;
import org.smtpgw.scanner.model.ScanLimits;
import org.smtpgw.scanner.model.ScannedObject;

/**
 * The scan of one message: walks it, scans and opens each object depth-first, and collects the results. One per
 * {@link MessageScanner#scan} call, used by that call's thread only.
 */
final class ScanRun {
    private static final String MESSAGE_TYPE = "message/rfc822";
    private static final String UNDECLARED = "application/octet-stream";

    private final MessageScanner scanner;
    private final ScanLimits limits;
    private final UnpackBudget budget;
    private final List<ScannedObject> results = new ArrayList<>();
    private int cachedObjects;

    ScanRun(MessageScanner scanner) {
        this.scanner = scanner;
        this.limits = scanner.limits();
        this.budget = new UnpackBudget(limits);
    }

    MessageVerdict scan(InputStream message) throws EngineUnavailableException, IOException {
        try {
            scanner.walker().walk(new SourceInputStream(message), new Visitor(Optional.empty(), false, 0, null));
        } catch (SourceReadException e) {
            throw e.original();
        }
        return new MessageVerdict(results, cachedObjects);
    }

    /** What is known of an object before it is scanned. */
    private record Candidate(ObjectPath path, Optional<String> name, String declaredType) {
    }

    /** Receives the parts of one message level: the top-level message, or one found inside an object. */
    private final class Visitor implements MimeWalker.PartVisitor<EngineUnavailableException> {
        private final Optional<ObjectPath> container;
        private final boolean mimeLevel;
        private final int depth;
        private final Aggregate parent;

        Visitor(Optional<ObjectPath> container, boolean mimeLevel, int depth, Aggregate parent) {
            this.container = container;
            this.mimeLevel = mimeLevel;
            this.depth = depth;
            this.parent = parent;
        }

        private ObjectPath pathOf(String number) {
            if (container.isEmpty()) {
                return ObjectPath.ofPart(number);
            }
            return mimeLevel ? container.get().subPart(number) : container.get().child(number);
        }

        @Override
        public void part(MimePart part) throws EngineUnavailableException {
            Candidate candidate = new Candidate(pathOf(part.number()), part.name(), part.declaredType());
            DecodedBody body = part.body();
            ScannedObject result = body.tooLarge()
                ? unscanned(candidate, MagicTypeDetector.UNKNOWN, ObjectStatus.ERROR,
                    "limit maxObjectSize=" + limits.maxObjectSize() + " bytes exceeded", body.size())
                : process(candidate, body.content(), depth, body.problem());
            if (parent != null) {
                parent.child(result);
            }
        }

        @Override
        public void broken(String number, String reason) {
            ScannedObject result = unscanned(new Candidate(pathOf(number), Optional.empty(), UNDECLARED),
                MagicTypeDetector.UNKNOWN, ObjectStatus.ERROR, reason, 0);
            if (parent != null) {
                parent.child(result);
            }
        }
    }

    /** Scans one object and opens it if it is a container; the object is listed before its content. */
    private ScannedObject process(Candidate candidate, byte[] content, int depth, Optional<String> problem)
        throws EngineUnavailableException {
        int slot = results.size();
        results.add(null);
        String detected = scanner.detector().detect(content);
        Optional<String> filtered = scanner.filter().filterReason(candidate.name(), candidate.declaredType(), detected);
        ScannedObject result;
        if (filtered.isPresent()) {
            result = new ScannedObject(candidate.path(), candidate.name(), candidate.declaredType(), detected,
                ObjectStatus.FILTERED, List.of(), filtered, content.length, Optional.empty());
        } else {
            Aggregate aggregate = new Aggregate();
            problem.ifPresent(reason -> aggregate.own(ObjectStatus.ERROR, Optional.of(reason), List.of()));
            boolean curable = scanner.cure() && candidate.path().isMimePart();
            EngineResult own = scanner.invoker().scan(content, curable, () -> cachedObjects++);
            aggregate.own(own.status(), own.reason(), own.virusNames());
            open(candidate, content, detected, depth, aggregate);
            ObjectStatus status = aggregate.status;
            result = new ScannedObject(candidate.path(), candidate.name(), candidate.declaredType(), detected, status,
                List.copyOf(aggregate.virusNames), aggregate.reason, content.length,
                status == ObjectStatus.DISINFECTED ? own.curedContent() : Optional.empty());
        }
        results.set(slot, result);
        return result;
    }

    private ScannedObject unscanned(Candidate candidate, String detected, ObjectStatus status, String reason,
                                    long size) {
        ScannedObject result = new ScannedObject(candidate.path(), candidate.name(), candidate.declaredType(),
            detected, status, List.of(), Optional.of(reason), size, Optional.empty());
        results.add(result);
        return result;
    }

    /** Opens a container: an attached message, an archive, a mailbox file, a text with uuencoded blocks. */
    private void open(Candidate candidate, byte[] content, String detected, int depth, Aggregate aggregate)
        throws EngineUnavailableException {
        boolean message = candidate.declaredType().equals(MESSAGE_TYPE) || detected.equals(MagicTypeDetector.MESSAGE);
        Optional<ArchiveFormat> archive = scanner.scanArchives()
            ? ArchiveFormat.ofDetectedType(detected) : Optional.empty();
        boolean mailbox = scanner.scanMailBases() && detected.equals(MagicTypeDetector.MBOX);
        boolean uuencoded = !message && archive.isEmpty() && !mailbox && isText(candidate.declaredType(), detected)
            && UuDecoder.mayContainBlock(content);
        if (!message && archive.isEmpty() && !mailbox && !uuencoded) {
            return;
        }
        if (depth >= limits.maxNestingDepth()) {
            aggregate.own(ObjectStatus.ERROR, Optional.of("limit maxNestingDepth=" + limits.maxNestingDepth()
                + " exceeded: not opened"), List.of());
            return;
        }
        if (message) {
            // Sub-parts of an attached message part keep MIME numbering (2 -> 2.1), so they can be acted on as
            // MIME parts; a message found in an archive or a mailbox numbers its parts as entries (x.zip/a.eml/1).
            boolean mimeLevel = candidate.path().isMimePart() && candidate.declaredType().equals(MESSAGE_TYPE);
            try {
                scanner.walker().walk(new ByteArrayInputStream(content),
                    new Visitor(Optional.of(candidate.path()), mimeLevel, depth + 1, aggregate));
            } catch (SourceReadException e) {
                throw new IllegalStateException("an in-memory message cannot fail to read", e);
            }
        } else if (archive.isPresent()) {
            openArchive(candidate, content, archive.get(), depth, aggregate);
        } else if (mailbox) {
            openMailbox(candidate, content, depth, aggregate);
        } else {
            openUuencoded(candidate, content, depth, aggregate);
        }
    }

    private void openArchive(Candidate candidate, byte[] content, ArchiveFormat format, int depth,
                             Aggregate aggregate) throws EngineUnavailableException {
        try {
            EntryReader reader = scanner.unpacker().open(format, content, candidate.name(), budget);
            for (Optional<UnpackedEntry> next = reader.next(); next.isPresent(); next = reader.next()) {
                UnpackedEntry entry = next.get();
                Candidate child = new Candidate(candidate.path().child(entry.name()), Optional.of(entry.name()),
                    UNDECLARED);
                aggregate.child(entry.content().isPresent()
                    ? process(child, entry.content().get(), depth + 1, Optional.empty())
                    : unscanned(child, MagicTypeDetector.UNKNOWN, entry.status(), entry.reason().orElse(""),
                        entry.size()));
            }
        } catch (UnpackException e) {
            aggregate.own(e.status(), Optional.of(e.getMessage()), List.of());
        }
    }

    private void openMailbox(Candidate candidate, byte[] content, int depth, Aggregate aggregate)
        throws EngineUnavailableException {
        List<byte[]> messages = MboxSplitter.split(content, limits.maxEntriesPerArchive());
        for (int i = 0; i < messages.size() && i < limits.maxEntriesPerArchive(); i++) {
            Candidate child = new Candidate(candidate.path().child("message-" + (i + 1)), Optional.empty(),
                MESSAGE_TYPE);
            aggregate.child(process(child, messages.get(i), depth + 1, Optional.empty()));
        }
        if (messages.size() > limits.maxEntriesPerArchive()) {
            aggregate.own(ObjectStatus.ERROR, Optional.of("limit maxEntriesPerArchive=" + limits.maxEntriesPerArchive()
                + " exceeded: the mailbox has more messages"), List.of());
        }
    }

    private void openUuencoded(Candidate candidate, byte[] content, int depth, Aggregate aggregate)
        throws EngineUnavailableException {
        List<UuDecoder.Block> blocks = UuDecoder.blocks(content, limits.maxEntriesPerArchive(), limits.maxObjectSize());
        for (int i = 0; i < blocks.size() && i < limits.maxEntriesPerArchive(); i++) {
            UuDecoder.Block block = blocks.get(i);
            Candidate child = new Candidate(candidate.path().child(block.name()), Optional.of(block.name()),
                UNDECLARED);
            aggregate.child(block.content().isPresent()
                ? process(child, block.content().get(), depth + 1, Optional.empty())
                : unscanned(child, MagicTypeDetector.UNKNOWN, ObjectStatus.ERROR, block.problem().orElse(""),
                    block.size()));
        }
        if (blocks.size() > limits.maxEntriesPerArchive()) {
            aggregate.own(ObjectStatus.ERROR, Optional.of("limit maxEntriesPerArchive=" + limits.maxEntriesPerArchive()
                + " exceeded: the text has more uuencoded blocks"), List.of());
        }
    }

    private static boolean isText(String declared, String detected) {
        return declared.startsWith("text/") || detected.equals(MagicTypeDetector.TEXT)
            || detected.equals(MagicTypeDetector.HTML) || detected.equals(MagicTypeDetector.MBOX);
    }

    /**
     * The status of a container: the most severe of its own (engine result, decoding or unpacking problem) and of
     * its content. The reason is that of the first contribution with the final status, in the order: decoding
     * problem, engine result, then the content in order and the unpacking problem where it arose; or of an earlier
     * problem when the final status (such as {@code infected}) has none.
     */
    private static final class Aggregate {
        private ObjectStatus status = ObjectStatus.CLEAN;
        private Optional<String> reason = Optional.empty();
        private final Set<String> virusNames = new LinkedHashSet<>();

        void own(ObjectStatus contributed, Optional<String> why, List<String> names) {
            virusNames.addAll(names);
            if (contributed.compareTo(status) > 0) {
                status = contributed;
                reason = why.isPresent() ? why : reason;
            } else if (contributed == status && reason.isEmpty()) {
                reason = why;
            }
        }

        void child(ScannedObject child) {
            boolean explains = child.status() == ObjectStatus.ERROR || child.status() == ObjectStatus.PROTECTED
                || child.status() == ObjectStatus.FILTERED;
            own(child.status(), explains ? child.reason().map(why -> "in " + child.path() + ": " + why)
                : Optional.empty(), child.virusNames());
        }
    }
}
