package org.smtpgw.scanner.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and decodes uuencoded blocks ({@code begin 644 name} ... {@code end}) in a text, the way attachments were
 * sent before MIME and still are by some mailers and worms.
 *
 * <p>Hand-written: mime4j and commons-compress have no uudecoder, and the format is a few lines. Decoding is
 * lenient in what RFC-less encoders vary on (trailing padding, missing {@code end}) and strict on lengths: a line
 * that announces more bytes than it carries makes the block corrupt. Stateless.
 */
public final class UuDecoder {
    private static final Pattern BEGIN = Pattern.compile("^begin [0-7]{3,4} ([^\\r\\n]+?)[ \\t]*\\r?$",
        Pattern.MULTILINE);

    /**
     * One block.
     *
     * @param name    the file name of the {@code begin} line
     * @param content the decoded bytes, when the block decoded
     * @param problem why it did not decode
     * @param size    the decoded bytes (or decoded before giving up)
     */
    public record Block(String name, Optional<byte[]> content, Optional<String> problem, long size) {
    }

    private UuDecoder() {
    }

    /** Whether the text may hold a block (cheap test before {@link #blocks}). */
    public static boolean mayContainBlock(byte[] text) {
        String head = new String(text, StandardCharsets.ISO_8859_1);
        return BEGIN.matcher(head).find();
    }

    /**
     * The blocks of the text, at most {@code maxBlocks + 1} (so the caller can tell there were more), each
     * decoded up to {@code maxSize} bytes.
     */
    public static List<Block> blocks(byte[] text, int maxBlocks, long maxSize) {
        String all = new String(text, StandardCharsets.ISO_8859_1);
        Matcher begin = BEGIN.matcher(all);
        List<Block> blocks = new ArrayList<>();
        int from = 0;
        while (blocks.size() <= maxBlocks && begin.find(from)) {
            String name = begin.group(1);
            int lineStart = nextLine(all, begin.end());
            DecodeResult result = decode(all, lineStart, maxSize);
            blocks.add(new Block(name, result.problem == null ? Optional.of(result.bytes) : Optional.empty(),
                Optional.ofNullable(result.problem), result.bytes.length));
            from = Math.max(result.end, lineStart);
            if (from >= all.length()) {
                break;
            }
        }
        return blocks;
    }

    private record DecodeResult(byte[] bytes, String problem, int end) {
    }

    private static DecodeResult decode(String text, int position, long maxSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int line = position;
        while (line < text.length()) {
            int next = nextLine(text, line);
            String current = stripEol(text.substring(line, next));
            if (current.equals("end")) {
                return new DecodeResult(out.toByteArray(), null, next);
            }
            if (current.isEmpty()) {
                line = next;
                continue;
            }
            int length = (current.charAt(0) - 0x20) & 0x3F;
            if (length == 0) {
                // The "`" (or " ") line ends the data; "end" should follow, but truncated mails may lack it.
                int after = nextLine(text, next);
                boolean endFollows = stripEol(text.substring(next, after)).equals("end");
                return new DecodeResult(out.toByteArray(), null, endFollows ? after : next);
            }
            int needed = (length + 2) / 3 * 4;
            if (current.length() - 1 < needed) {
                // Some encoders drop trailing spaces; those decode as zero bits, so pad them back.
                if (current.length() - 1 < needed - 4 || current.substring(1).chars().anyMatch(c -> c < 0x20 || c > 0x60)) {
                    return new DecodeResult(out.toByteArray(), "corrupt uuencoded line: it announces " + length
                        + " bytes but carries fewer", next);
                }
                current = current + " ".repeat(needed - (current.length() - 1));
            }
            for (int i = 1, written = 0; written < length; i += 4) {
                int c0 = sextet(current.charAt(i));
                int c1 = sextet(current.charAt(i + 1));
                int c2 = sextet(current.charAt(i + 2));
                int c3 = sextet(current.charAt(i + 3));
                if ((c0 | c1 | c2 | c3) < 0) {
                    return new DecodeResult(out.toByteArray(), "corrupt uuencoded line: character outside the"
                        + " uuencode alphabet", next);
                }
                int[] bytes = {(c0 << 2) | (c1 >> 4), ((c1 & 0xF) << 4) | (c2 >> 2), ((c2 & 0x3) << 6) | c3};
                for (int b = 0; b < 3 && written < length; b++, written++) {
                    out.write(bytes[b]);
                }
            }
            if (out.size() > maxSize) {
                return new DecodeResult(new byte[0], "limit maxObjectSize=" + maxSize + " bytes exceeded", next);
            }
            line = next;
        }
        // A missing "end" line is common in truncated mails; what was decoded is still worth scanning.
        return new DecodeResult(out.toByteArray(), null, text.length());
    }

    private static int sextet(char c) {
        return c < 0x20 || c > 0x60 ? -1 : (c - 0x20) & 0x3F;
    }

    private static int nextLine(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline + 1;
    }

    private static String stripEol(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
