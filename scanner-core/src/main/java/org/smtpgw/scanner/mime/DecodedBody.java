package org.smtpgw.scanner.mime;

import java.util.Objects;
import java.util.Optional;

/**
 * The body of a MIME part with its transfer encoding undone.
 *
 * @param content  the decoded bytes; empty when {@code tooLarge}
 * @param size     the decoded size, or the bytes decoded before giving up
 * @param problem  why the encoding is corrupt (the content is still what a lenient decoder makes of it)
 * @param tooLarge whether decoding stopped at the object size limit
 * @param embeddedName for a uuencoded body, the file name of its {@code begin} line
 */
public record DecodedBody(byte[] content, long size, Optional<String> problem, boolean tooLarge,
                          Optional<String> embeddedName) {

    public DecodedBody {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(embeddedName, "embeddedName");
    }
}
