package org.smtpgw.scanner.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Undoes a part's {@code Content-Transfer-Encoding}, reading at most the object size limit.
 *
 * <ul>
 *   <li>{@code base64}: mime4j's decoder. Characters outside the alphabet, a truncated last group or misplaced
 *       padding make the body corrupt (such bodies are a known way to slip past scanners that decode differently
 *       from mail clients); the content is still decoded leniently so the engine sees what a client would.</li>
 *   <li>{@code quoted-printable}: mime4j's decoder, lenient as RFC 2045 (6.7) asks: a malformed escape is kept
 *       as it is, never an error.</li>
 *   <li>{@code x-uuencode}, {@code uuencode}, {@code x-uue}, {@code uue}: the first uuencoded block of the body,
 *       see {@link UuDecoder}.</li>
 *   <li>anything else ({@code 7bit}, {@code 8bit}, {@code binary}, unknown values): the bytes as they are.</li>
 * </ul>
 */
public final class TransferDecoder {
    private static final int CHUNK = 64 * 1024;

    private TransferDecoder() {
    }

    /**
     * @throws IOException when the underlying stream fails (a {@link SourceReadException} when it is the
     *                     caller's message stream)
     */
    public static DecodedBody decode(InputStream raw, String transferEncoding, long maxSize) throws IOException {
        String encoding = transferEncoding == null ? "" : transferEncoding.trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "base64": {
                RecordingMonitor monitor = new RecordingMonitor();
                DecodedBody body = readBounded(new Base64InputStream(raw, monitor), maxSize);
                return monitor.first == null ? body
                    : new DecodedBody(body.content(), body.size(), Optional.of("corrupt base64: " + monitor.first),
                        body.tooLarge(), Optional.empty());
            }
            case "quoted-printable":
                return readBounded(new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT), maxSize);
            case "x-uuencode", "uuencode", "x-uue", "uue":
                return uudecode(raw, maxSize);
            default:
                return readBounded(raw, maxSize);
        }
    }

    private static DecodedBody uudecode(InputStream raw, long maxSize) throws IOException {
        // The encoded text is about 4/3 of the decoded size, plus line overhead.
        DecodedBody text = readBounded(raw, maxSize / 3 * 4 + maxSize / 10 + 1024);
        if (text.tooLarge()) {
            return text;
        }
        List<UuDecoder.Block> blocks = UuDecoder.blocks(text.content(), 1, maxSize);
        if (blocks.isEmpty()) {
            return new DecodedBody(text.content(), text.size(),
                Optional.of("corrupt uuencode: no 'begin' line in a part declared uuencoded"), false, Optional.empty());
        }
        UuDecoder.Block block = blocks.get(0);
        if (block.content().isPresent()) {
            byte[] bytes = block.content().get();
            return new DecodedBody(bytes, bytes.length, Optional.empty(), false, Optional.of(block.name()));
        }
        String problem = block.problem().orElse("corrupt uuencode");
        boolean tooLarge = problem.startsWith("limit ");
        return new DecodedBody(new byte[0], block.size(), tooLarge ? Optional.empty() : Optional.of(problem),
            tooLarge, Optional.of(block.name()));
    }

    /** Reads to the end, or to one byte past {@code maxSize} (then {@code tooLarge}, without content). */
    static DecodedBody readBounded(InputStream in, long maxSize) throws IOException {
        byte[] data = new byte[(int) Math.min(8192, maxSize + 1)];
        int size = 0;
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk)) != -1) {
            if ((long) size + n > maxSize) {
                return new DecodedBody(new byte[0], (long) size + n, Optional.empty(), true, Optional.empty());
            }
            if (size + n > data.length) {
                data = java.util.Arrays.copyOf(data, (int) Math.min(Math.max((long) data.length * 2, size + n),
                    maxSize));
            }
            System.arraycopy(chunk, 0, data, size, n);
            size += n;
        }
        return new DecodedBody(java.util.Arrays.copyOf(data, size), size, Optional.empty(), false, Optional.empty());
    }

    /** Records the first warning of mime4j's decoder and lets it go on leniently. */
    private static final class RecordingMonitor extends DecodeMonitor {
        private String first;

        @Override
        public boolean warn(String error, String dropped) {
            if (first == null) {
                first = describe(error);
            }
            return false;
        }

        private static String describe(String error) {
            String prefix = "Unexpected base64 byte: ";
            if (error.startsWith(prefix)) {
                try {
                    return "unexpected character 0x"
                        + Integer.toHexString(Integer.parseInt(error.substring(prefix.length()).trim()) & 0xFF);
                } catch (NumberFormatException e) {
                    return error;
                }
            }
            return error.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
