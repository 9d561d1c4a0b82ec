package org.smtpgw.matchers.malformed;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One way a message can break the mail RFCs, as {@link MalformedMailChecker} checks it. The names are those of the
 * {@code IsMalformed} condition; docs/mailets.md ("Malformed mail") gives each rule's reasons.
 */
public enum MalformedRule {
    /** A CR not followed by LF, or an LF not preceded by CR (RFC 5322 2.1, RFC 5321 2.3.8). */
    LINE_ENDINGS("line-endings"),
    /** A NUL octet anywhere (RFC 5322 2.1 allows none; RFC 2045 2.7/2.8 neither in 7bit nor in 8bit data). */
    NUL("nul"),
    /** A line of more than 998 octets before its CRLF (RFC 5322 2.1.1, RFC 5321 4.5.3.1.6). */
    LINE_LENGTH("line-length"),
    /** A header line that is neither a field ({@code name: value}) nor the continuation of one (RFC 5322 2.2). */
    HEADER_SYNTAX("header-syntax"),
    /** 8-bit octets in a header field that are not UTF-8 (RFC 5322 is 7-bit; RFC 6532 allows UTF-8 only). */
    HEADER_8BIT("header-8bit"),
    /** The message's header has no From or no Date, or more than one of a field RFC 5322 3.6 allows once. */
    REQUIRED_HEADERS("required-headers"),
    /** A multipart without boundary, with a boundary RFC 2046 5.1.1 forbids, or not closed by its last delimiter. */
    MIME_STRUCTURE("mime-structure"),
    /**
     * An unknown Content-Transfer-Encoding, a composite type (multipart, message) encoded otherwise than 7bit, 8bit or
     * binary, 8-bit octets in a 7bit part, or base64 or quoted-printable data that does not decode cleanly (RFC 2045).
     */
    TRANSFER_ENCODING("transfer-encoding"),
    /** Multiparts and attached messages nested deeper than the limit ({@code nesting:N}, default 20). */
    NESTING("nesting");

    private final String keyword;

    MalformedRule(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<MalformedRule> byKeyword(String keyword) {
        String wanted = keyword.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.keyword.equals(wanted)).findFirst();
    }

    /** The keywords, comma-separated, for error messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(MalformedRule::keyword).collect(Collectors.joining(", "));
    }
}
