package org.smtpgw.scanner.mime;

import java.util.Objects;
import java.util.Optional;

/**
 * A leaf part of one message level, as {@link MimeWalker} hands it over.
 *
 * @param number       the IMAP part number relative to the message being walked ({@code 1}, {@code 2.1})
 * @param name         the decoded file name, if the headers give one (or the uuencoded block does)
 * @param declaredType the declared MIME type, lower case, without parameters
 * @param body         the decoded body
 */
public record MimePart(String number, Optional<String> name, String declaredType, DecodedBody body) {

    public MimePart {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredType, "declaredType");
        Objects.requireNonNull(body, "body");
    }
}
