package org.smtpgw.scanner.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where an object sits inside a message.
 *
 * <p>Two parts:
 * <ul>
 *   <li>{@link #part()}: the number of the MIME part that carries the object, numbered as IMAP does (RFC 3501,
 *       section 6.4.5): the body of a single-part message is {@code 1}; the parts of a multipart are {@code 1},
 *       {@code 2}, ...; the parts of a multipart nested in part {@code 2} are {@code 2.1}, {@code 2.2}, ...; the
 *       parts of a message attached as {@code message/rfc822} part {@code 3} are {@code 3.1}, {@code 3.2}, ...
 *       (its body is {@code 3.1} when it is single-part). Multipart containers are not objects themselves.</li>
 *   <li>{@link #entries()}: one segment per level of unpacking inside that part: the name of an archive entry
 *       (which may itself contain {@code /}, as zip and tar names do), the name of a file decompressed from a
 *       gzip/bzip2/xz stream, the file name of a uuencoded block, {@code message-N} for the N-th message of a
 *       mailbox file, and the IMAP-style number of a part of a message found inside an archive or mailbox.</li>
 * </ul>
 * {@link #toString()} joins them with {@code /}: {@code 2/report.zip/a.exe} is the entry {@code a.exe} of the
 * archive {@code report.zip} found inside part 2 (itself an archive); {@code 2/a.exe} is an entry of the archive
 * that is part 2. Keep the structured form when you need to navigate: entry names may contain {@code /}.
 *
 * <p>An object is acted on (removed, replaced, cured) through its carrying MIME part: only objects whose
 * {@link #entries()} is empty are MIME parts themselves.
 *
 * @param part    the IMAP part number of the carrying MIME part, such as {@code 2.1}
 * @param entries the unpacking segments below that part, outermost first; empty for a MIME part itself
 */
public record ObjectPath(String part, List<String> entries) {

    public ObjectPath {
        Objects.requireNonNull(part, "part");
        if (!part.matches("[1-9][0-9]*(\\.[1-9][0-9]*)*")) {
            throw new IllegalArgumentException("not an IMAP part number (1, 2, 2.1, ...): '" + part + "'");
        }
        entries = List.copyOf(entries);
    }

    /** The path of a MIME part, such as {@code 2.1}. */
    public static ObjectPath ofPart(String part) {
        return new ObjectPath(part, List.of());
    }

    /** The path of something unpacked from this object. */
    public ObjectPath child(String entry) {
        Objects.requireNonNull(entry, "entry");
        List<String> longer = new ArrayList<>(entries);
        longer.add(entry);
        return new ObjectPath(part, longer);
    }

    /** The path of a MIME sub-part of a message found at this path: a part number below a MIME part, else a new entry. */
    public ObjectPath subPart(String relativeNumber) {
        return isMimePart() ? ofPart(part + "." + relativeNumber) : child(relativeNumber);
    }

    /** Whether this object is a MIME part of the message (not something unpacked from one). */
    public boolean isMimePart() {
        return entries.isEmpty();
    }

    /** The number of the top-level MIME part carrying the object: {@code 2} for {@code 2.1.3/x.zip/a.exe}. */
    public String topLevelPart() {
        int dot = part.indexOf('.');
        return dot < 0 ? part : part.substring(0, dot);
    }

    /** Whether the object is the MIME part {@code mimePart}, lies below it, or was unpacked from either. */
    public boolean isWithin(String mimePart) {
        return part.equals(mimePart) || part.startsWith(mimePart + ".");
    }

    /** How many levels of unpacking lie between the carrying MIME part and this object. */
    public int depth() {
        return entries.size();
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? part : part + "/" + String.join("/", entries);
    }
}
