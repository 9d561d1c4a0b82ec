package org.smtpgw.scanner.archive;

import java.util.Objects;
import java.util.Optional;

import org.smtpgw.scanner.ObjectStatus;

/**
 * One file read from a container: its content, or why it could not be read.
 *
 * @param name    the entry's name inside the container (may contain {@code /})
 * @param content the bytes, when they could be read
 * @param status  {@code CLEAN} when {@code content} is present (meaning: to be scanned), else
 *                {@link ObjectStatus#PROTECTED} or {@link ObjectStatus#ERROR}
 * @param reason  why the content is missing
 * @param size    bytes of content, or bytes read before giving up
 */
public record UnpackedEntry(String name, Optional<byte[]> content, ObjectStatus status, Optional<String> reason,
                           long size) {

    public UnpackedEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    static UnpackedEntry of(String name, byte[] content) {
        return new UnpackedEntry(name, Optional.of(content), ObjectStatus.CLEAN, Optional.empty(), content.length);
    }

    static UnpackedEntry protectedEntry(String name, String reason) {
        return new UnpackedEntry(name, Optional.empty(), ObjectStatus.PROTECTED, Optional.of(reason), 0);
    }

    static UnpackedEntry error(String name, String reason, long size) {
        return new UnpackedEntry(name, Optional.empty(), ObjectStatus.ERROR, Optional.of(reason), size);
    }
}
