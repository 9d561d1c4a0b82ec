package org.smtpgw.scanner.detect;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises an object's type from its first bytes ("magic numbers"), whatever the message declares, so that a
 * renamed executable or an archive sent as {@code text/plain} is still recognised.
 *
 * <p>Written by hand on purpose: the libraries that do this well (Apache Tika, libmagic bindings) are large and
 * not among the project's dependencies, and the gateway only needs the few types its filters and unpackers care
 * about. The checks are the published signatures of each format; text-like types (HTML, a message, a mailbox,
 * plain text) are recognised by looking at the start of the content.
 *
 * <p>Stateless and thread-safe.
 */
public final class MagicTypeDetector {
    public static final String EXE = "application/x-msdownload";
    public static final String ELF = "application/x-executable";
    public static final String ZIP = "application/zip";
    public static final String GZIP = "application/gzip";
    public static final String BZIP2 = "application/x-bzip2";
    public static final String XZ = "application/x-xz";
    public static final String SEVEN_Z = "application/x-7z-compressed";
    public static final String TAR = "application/x-tar";
    public static final String RAR = "application/vnd.rar";
    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    /** OLE2 compound documents: the older Microsoft Office formats (.doc, .xls, .ppt, .msi). */
    public static final String OLE2 = "application/x-ole-storage";
    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";
    public static final String MESSAGE = "message/rfc822";
    public static final String MBOX = "application/mbox";
    public static final String EMPTY = "application/x-empty";
    public static final String UNKNOWN = "application/octet-stream";

    private static final int TEXT_SAMPLE = 8192;

    /** Header names that, at the very start of a text, mark it as a mail message. */
    private static final Set<String> MESSAGE_HEADERS = Set.of("received", "return-path", "from", "to", "cc",
        "subject", "date", "message-id", "mime-version", "content-type", "delivered-to", "reply-to", "sender",
        "x-mailer", "user-agent", "references", "in-reply-to", "dkim-signature", "authentication-results");

    /** The MIME type of the content; {@link #UNKNOWN} when nothing matches. */
    public String detect(byte[] content) {
        if (content.length == 0) {
            return EMPTY;
        }
        String binary = binaryType(content);
        if (binary != null) {
            return binary;
        }
        return textType(content);
    }

    private static String binaryType(byte[] c) {
        if (startsWith(c, 0, 'M', 'Z')) {
            return EXE;
        }
        if (startsWith(c, 0, 0x7F, 'E', 'L', 'F')) {
            return ELF;
        }
        if (startsWith(c, 0, 'P', 'K', 3, 4) || startsWith(c, 0, 'P', 'K', 5, 6) || startsWith(c, 0, 'P', 'K', 7, 8)) {
            return ZIP;
        }
        if (startsWith(c, 0, 0x1F, 0x8B)) {
            return GZIP;
        }
        if (startsWith(c, 0, 'B', 'Z', 'h') && c.length > 3 && c[3] >= '1' && c[3] <= '9') {
            return BZIP2;
        }
        if (startsWith(c, 0, 0xFD, '7', 'z', 'X', 'Z', 0)) {
            return XZ;
        }
        if (startsWith(c, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return SEVEN_Z;
        }
        if (startsWith(c, 0, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return RAR;
        }
        if (startsWith(c, 0, '%', 'P', 'D', 'F', '-')) {
            return PDF;
        }
        if (startsWith(c, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(c, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(c, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(c, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (startsWith(c, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return OLE2;
        }
        // POSIX ("ustar\0") and GNU ("ustar  ") tar both carry "ustar" at offset 257 of the first header.
        if (startsWith(c, 257, 'u', 's', 't', 'a', 'r')) {
            return TAR;
        }
        return null;
    }

    private static String textType(byte[] c) {
        int length = Math.min(c.length, TEXT_SAMPLE);
        for (int i = 0; i < length; i++) {
            int b = c[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                return UNKNOWN;
            }
        }
        String head = new String(c, 0, length, StandardCharsets.ISO_8859_1);
        String start = stripBom(head).stripLeading();
        String lower = start.toLowerCase(Locale.ROOT);
        if (start.startsWith("From ") && isHeaderLine(secondLine(start))) {
            return MBOX;
        }
        if (looksLikeMessage(start)) {
            return MESSAGE;
        }
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.startsWith("<head")
            || lower.startsWith("<body") || lower.startsWith("<script") || lower.startsWith("<iframe")
            || (lower.startsWith("<") && lower.contains("<html"))) {
            return HTML;
        }
        return TEXT;
    }

    private static boolean looksLikeMessage(String text) {
        int known = 0;
        int position = 0;
        for (int line = 0; line < 30 && position < text.length(); line++) {
            int end = text.indexOf('\n', position);
            String current = (end < 0 ? text.substring(position) : text.substring(position, end)).stripTrailing();
            position = end < 0 ? text.length() : end + 1;
            if (current.isEmpty()) {
                break;
            }
            if (current.charAt(0) == ' ' || current.charAt(0) == '\t') {
                continue; // folded continuation
            }
            if (!isHeaderLine(current)) {
                return false;
            }
            String name = current.substring(0, current.indexOf(':')).toLowerCase(Locale.ROOT);
            if (line == 0 && !MESSAGE_HEADERS.contains(name)) {
                return false;
            }
            if (MESSAGE_HEADERS.contains(name)) {
                known++;
            }
        }
        return known >= 2;
    }

    private static boolean isHeaderLine(String line) {
        int colon = line.indexOf(':');
        if (colon < 1) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char ch = line.charAt(i);
            if (ch <= ' ' || ch > '~') {
                return false;
            }
        }
        return true;
    }

    private static String secondLine(String text) {
        int first = text.indexOf('\n');
        if (first < 0) {
            return "";
        }
        int second = text.indexOf('\n', first + 1);
        return (second < 0 ? text.substring(first + 1) : text.substring(first + 1, second)).stripTrailing();
    }

    private static String stripBom(String text) {
        return text.startsWith("\u00EF\u00BB\u00BF") ? text.substring(3) : text;
    }

    private static boolean startsWith(byte[] content, int offset, int... magic) {
        if (content.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
