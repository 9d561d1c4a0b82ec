package org.smtpgw.scanner.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class MboxSplitterTest {

    private static List<String> split(String mbox, int max) {
        return MboxSplitter.split(mbox.getBytes(StandardCharsets.ISO_8859_1), max).stream()
            .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void splitShouldCutAtFromLinesAfterAnEmptyLineAndUnquote() {
        String mbox = "From a@b Mon Jan  1 00:00:00 2026\nSubject: one\n\nbody\nFrom here on, not a separator\n"
            + ">From quoted\n\nFrom c@d Mon Jan  1 00:00:01 2026\r\nSubject: two\r\n\r\nbody\r\n";

        assertThat(split(mbox, 10)).containsExactly(
            "Subject: one\n\nbody\nFrom here on, not a separator\nFrom quoted\n\n",
            "Subject: two\r\n\r\nbody\r\n");
    }

    @Test
    void splitShouldReturnOneMoreThanTheMaximumSoTheCallerSeesTheExcess() {
        String message = "From a@b Mon Jan  1 00:00:00 2026\nSubject: x\n\nbody\n\n";

        assertThat(split(message.repeat(5), 2)).hasSize(3);
    }
}
