package org.smtpgw.scanner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MagicTypeDetectorTest {
    private final MagicTypeDetector detector = new MagicTypeDetector();

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] tarHeader() {
        byte[] header = new byte[512];
        System.arraycopy(text("ustar\u000000"), 0, header, 257, 8);
        return header;
    }

    static Stream<Arguments> samples() {
        return Stream.of(
            Arguments.of("PE executable", text("MZ\u0090\u0000\u0003"), MagicTypeDetector.EXE),
            Arguments.of("ELF", bytes(0x7F, 'E', 'L', 'F', 2, 1, 1), MagicTypeDetector.ELF),
            Arguments.of("zip", bytes('P', 'K', 3, 4, 20, 0), MagicTypeDetector.ZIP),
            Arguments.of("empty zip", bytes('P', 'K', 5, 6, 0, 0), MagicTypeDetector.ZIP),
            Arguments.of("gzip", bytes(0x1F, 0x8B, 8, 0), MagicTypeDetector.GZIP),
            Arguments.of("bzip2", text("BZh91AY&SY"), MagicTypeDetector.BZIP2),
            Arguments.of("xz", bytes(0xFD, '7', 'z', 'X', 'Z', 0, 0), MagicTypeDetector.XZ),
            Arguments.of("7z", bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4), MagicTypeDetector.SEVEN_Z),
            Arguments.of("tar", tarHeader(), MagicTypeDetector.TAR),
            Arguments.of("rar", text("Rar!\u001A\u0007\u0000"), MagicTypeDetector.RAR),
            Arguments.of("pdf", text("%PDF-1.7\n"), MagicTypeDetector.PDF),
            Arguments.of("png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), MagicTypeDetector.PNG),
            Arguments.of("jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0), MagicTypeDetector.JPEG),
            Arguments.of("gif", text("GIF89a\u0001\u0000"), MagicTypeDetector.GIF),
            Arguments.of("OLE2", bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), MagicTypeDetector.OLE2),
            Arguments.of("html", text("\n  <!DOCTYPE html><html><body>x</body></html>"), MagicTypeDetector.HTML),
            Arguments.of("html fragment", text("<div>hi</div><html>"), MagicTypeDetector.HTML),
            Arguments.of("message", text("Received: from x\r\nFrom: a@b\r\nSubject: s\r\n\r\nbody"),
                MagicTypeDetector.MESSAGE),
            Arguments.of("mbox", text("From a@b Thu Jan  1 00:00:00 2026\nFrom: a@b\n\nbody"), MagicTypeDetector.MBOX),
            Arguments.of("text", text("Dear all,\r\nthe minutes are attached.\r\n"), MagicTypeDetector.TEXT),
            Arguments.of("text with a colon line", text("Agenda: budget\nNotes follow\n"), MagicTypeDetector.TEXT),
            Arguments.of("UTF-8 text", "Gr\u00fc\u00dfe".getBytes(StandardCharsets.UTF_8), MagicTypeDetector.TEXT),
            Arguments.of("binary", bytes(0, 1, 2, 3, 0xFE), MagicTypeDetector.UNKNOWN),
            Arguments.of("empty", new byte[0], MagicTypeDetector.EMPTY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void detectShouldRecogniseTheTypeFromTheFirstBytes(String description, byte[] content, String expected) {
        assertThat(detector.detect(content)).isEqualTo(expected);
    }

    @Test
    void detectShouldNotTakeATextThatMerelyStartsWithFromForAMailbox() {
        assertThat(detector.detect(text("From the desk of the director\nplease read\n")))
            .isEqualTo(MagicTypeDetector.TEXT);
    }
}
