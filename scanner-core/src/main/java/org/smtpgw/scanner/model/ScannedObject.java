package org.smtpgw.scanner.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.smtpgw.scanner.ObjectStatus;

/**
 * The result for one object of a message: a MIME part, or something unpacked from one (archive entry,
 * decompressed file, uuencoded block, message of a mailbox file).
 *
 * <p>A container (an archive, an attached message, a mailbox file, a text carrying uuencoded blocks) is an object
 * too: its status is the most severe of its own (the engine also scans the container's bytes, and unpacking may
 * fail) and of everything inside it, and its virus names include those found inside.
 *
 * @param path         where the object is, see {@link ObjectPath}
 * @param name         the file name: from {@code Content-Disposition: filename} or {@code Content-Type: name}
 *                     (RFC 2231 and RFC 2047 decoded) for MIME parts, the entry name for unpacked objects
 * @param declaredType the MIME type the message declares for it (lower case, without parameters); objects
 *                     without a declaration (archive entries, uuencoded blocks) get
 *                     {@code application/octet-stream}, messages of a mailbox file {@code message/rfc822}
 * @param detectedType the type recognised from the content's first bytes, see
 *                     {@link org.smtpgw.scanner.detect.MagicTypeDetector}
 * @param status       the verdict
 * @param virusNames   what the engine found, in or below this object
 * @param reason       why, for {@link ObjectStatus#ERROR}, {@link ObjectStatus#PROTECTED} and
 *                     {@link ObjectStatus#FILTERED} (also kept when a worse status came later)
 * @param size         the decoded size in bytes (the bytes the engine saw); for an object over a size limit, the
 *                     number of bytes read before giving up
 * @param curedContent the disinfected content of this object, present only when {@code status} is
 *                     {@link ObjectStatus#DISINFECTED}; only MIME parts are ever cured. A container (an attached
 *                     message) may be {@code disinfected} without cured content of its own: then its sub-parts
 *                     carry the cured content.
 */
public record ScannedObject(ObjectPath path, Optional<String> name, String declaredType, String detectedType,
                            ObjectStatus status, List<String> virusNames, Optional<String> reason, long size,
                            Optional<byte[]> curedContent) {

    public ScannedObject {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredType, "declaredType");
        Objects.requireNonNull(detectedType, "detectedType");
        Objects.requireNonNull(status, "status");
        virusNames = List.copyOf(virusNames);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(curedContent, "curedContent");
        if (curedContent.isPresent() && status != ObjectStatus.DISINFECTED) {
            throw new IllegalArgumentException("cured content goes with status DISINFECTED only, was " + status
                + " at " + path);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " at " + path);
        }
    }

    /** Whether this object is a MIME part itself (not unpacked from one). */
    public boolean isMimePart() {
        return path.isMimePart();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ScannedObject that)) {
            return false;
        }
        return size == that.size && path.equals(that.path) && name.equals(that.name)
            && declaredType.equals(that.declaredType) && detectedType.equals(that.detectedType)
            && status == that.status && virusNames.equals(that.virusNames) && reason.equals(that.reason)
            && Arrays.equals(curedContent.orElse(null), that.curedContent.orElse(null));
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, name, declaredType, detectedType, status, virusNames, reason, size)
            * 31 + Arrays.hashCode(curedContent.orElse(null));
    }

    @Override
    public String toString() {
        return "ScannedObject[" + path + " name=" + name.orElse("") + " declared=" + declaredType
            + " detected=" + detectedType + " " + status + (virusNames.isEmpty() ? "" : " " + virusNames)
            + reason.map(r -> " (" + r + ")").orElse("") + " size=" + size
            + (curedContent.isPresent() ? " cured" : "") + "]";
    }
}
