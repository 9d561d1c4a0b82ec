package org.smtpgw.scanner.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class UuDecoderTest {
    // "Cat" uuencoded is "#0V%T" (the classic example)
    private static final String CAT = "begin 644 cat.txt\n#0V%T\n`\nend\n";

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void blocksShouldDecodeEachBlockWithItsName() {
        List<UuDecoder.Block> blocks = UuDecoder.blocks(text("hello\n" + CAT + "between\r\n"
            + CAT.replace("cat.txt", "second.txt").replace("\n", "\r\n")), 10, 1000);

        assertThat(blocks).extracting(UuDecoder.Block::name).containsExactly("cat.txt", "second.txt");
        assertThat(blocks).allSatisfy(block ->
            assertThat(new String(block.content().orElseThrow(), StandardCharsets.US_ASCII)).isEqualTo("Cat"));
    }

    @Test
    void blocksShouldDecodeLinesWhoseTrailingSpacesWereStripped() {
        // "just notes" encodes to a line ending in two spaces; mail transports often strip them
        List<UuDecoder.Block> blocks = UuDecoder.blocks(text("begin 644 n\n*:G5S=\"!N;W1E<P\n`\nend\n"), 10, 1000);

        assertThat(new String(blocks.get(0).content().orElseThrow(), StandardCharsets.US_ASCII))
            .isEqualTo("just notes");
    }

    @Test
    void blocksShouldKeepWhatWasDecodedWhenTheEndLineIsMissing() {
        List<UuDecoder.Block> blocks = UuDecoder.blocks(text("begin 600 cut.txt\n#0V%T\n"), 10, 1000);

        assertThat(blocks.get(0).content()).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(3));
    }

    @Test
    void blocksShouldReportALineCarryingFewerBytesThanItAnnounces() {
        List<UuDecoder.Block> blocks = UuDecoder.blocks(text("begin 644 bad\nM0V%T\n`\nend\n"), 10, 1000);

        assertThat(blocks.get(0).content()).isEmpty();
        assertThat(blocks.get(0).problem()).hasValueSatisfying(problem ->
            assertThat(problem).startsWith("corrupt uuencoded line"));
    }

    @Test
    void blocksShouldStopAtTheSizeLimit() {
        List<UuDecoder.Block> blocks = UuDecoder.blocks(text(CAT), 10, 2);

        assertThat(blocks.get(0).problem()).contains("limit maxObjectSize=2 bytes exceeded");
    }

    @Test
    void blocksShouldReturnOneMoreThanTheMaximumSoTheCallerSeesTheExcess() {
        assertThat(UuDecoder.blocks(text(CAT + CAT + CAT), 1, 1000)).hasSize(2);
    }

    @Test
    void textWithoutBeginLineShouldHaveNoBlock() {
        assertThat(UuDecoder.mayContainBlock(text("we begin 644 tomorrow"))).isFalse();
        assertThat(UuDecoder.blocks(text("no blocks"), 10, 1000)).isEmpty();
    }
}
