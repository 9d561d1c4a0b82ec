package org.smtpgw.scanner.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureSyntaxTest {
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final byte[] SAMPLE = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private SignatureDatabase load(String fileName, String lines) throws IOException, DatabaseException {
        new DatabaseBuilder("1").addFile(fileName, lines).writeTo(dir, KEYS.getPrivate());
        return new DatabaseLoader(TrustedKeys.of(KEYS.getPublic())).load(dir);
    }

    private static String hex(HashAlgorithm algorithm, byte[] content) {
        return HexFormat.of().formatHex(algorithm.digest(content));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void hdbMatchesMd5AndSize() throws Exception {
        SignatureDatabase db = load("a.hdb", hex(HashAlgorithm.MD5, SAMPLE) + ":" + SAMPLE.length + ":Test.Md5\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Md5");
        assertThat(db.counts().md5()).isEqualTo(1);
    }

    @Test
    void hdbDoesNotMatchWhenSizeDiffers() throws Exception {
        SignatureDatabase db = load("a.hdb", hex(HashAlgorithm.MD5, SAMPLE) + ":" + (SAMPLE.length + 1) + ":Test.Md5\n");

        assertThat(db.match(SAMPLE)).isEmpty();
    }

    @Test
    void hsbMatchesSha1() throws Exception {
        SignatureDatabase db = load("a.hsb", hex(HashAlgorithm.SHA1, SAMPLE) + ":" + SAMPLE.length + ":Test.Sha1\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Sha1");
        assertThat(db.counts().sha1()).isEqualTo(1);
    }

    @Test
    void hsbMatchesSha256() throws Exception {
        SignatureDatabase db = load("a.hsb", hex(HashAlgorithm.SHA256, SAMPLE).toUpperCase() + ":" + SAMPLE.length
            + ":Test.Sha256\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Sha256");
        assertThat(db.match(bytes("other"))).isEmpty();
        assertThat(db.counts().sha256()).isEqualTo(1);
    }

    @Test
    void hashSignatureWithStarSizeMatchesAnySize() throws Exception {
        SignatureDatabase db = load("a.hsb", hex(HashAlgorithm.SHA256, SAMPLE) + ":*:Test.AnySize:73\n"
            + hex(HashAlgorithm.SHA1, bytes("other")) + ":99:Test.Other\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.AnySize");
    }

    @Test
    void manyHashSignaturesAreAllFound() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            byte[] content = bytes("object " + i);
            lines.append(hex(HashAlgorithm.MD5, content)).append(':').append(content.length).append(":Test.N").append(i)
                .append('\n');
        }
        SignatureDatabase db = load("many.hdb", lines.toString());

        for (int i = 0; i < 500; i += 37) {
            assertThat(db.match(bytes("object " + i))).containsExactly("Test.N" + i);
        }
        assertThat(db.match(bytes("object 500"))).isEmpty();
    }

    @Test
    void ndbMatchesPlainHexAnywhere() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Fox:0:*:" + HexFormat.of().formatHex(bytes("brown fox")) + "\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Fox");
        assertThat(db.match(bytes("brown cat"))).isEmpty();
        assertThat(db.counts().body()).isEqualTo(1);
    }

    @Test
    void ndbAcceptsOtherTargetsAsAny() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Pe:1:*:62726f776e20666f78\nTest.Html:3:*:6c617a79\n");

        assertThat(db.match(SAMPLE)).containsExactlyInAnyOrder("Test.Pe", "Test.Html");
    }

    @Test
    void ndbByteWildcardMatchesAnyByte() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Q:0:*:62726f776e??666f78\n");

        assertThat(db.match(bytes("brown-fox"))).containsExactly("Test.Q");
        assertThat(db.match(bytes("brownfox"))).isEmpty();
    }

    @Test
    void ndbNibbleWildcardsMatchHalfBytes() throws Exception {
        // "6?" matches 0x60-0x6F, "?2" matches 0x02, 0x12, ... 0xF2
        SignatureDatabase db = load("a.ndb", "Test.Nibble:0:*:41426?43?2\n");

        assertThat(db.match(new byte[] {0x41, 0x42, 0x6A, 0x43, 0x72})).containsExactly("Test.Nibble");
        assertThat(db.match(new byte[] {0x41, 0x42, 0x7A, 0x43, 0x72})).isEmpty();
        assertThat(db.match(new byte[] {0x41, 0x42, 0x6A, 0x43, 0x73})).isEmpty();
    }

    @Test
    void ndbStarGapMatchesAnyDistance() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Star:0:*:717569636b*6c617a79\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Star");
        assertThat(db.match(bytes("lazy quick"))).isEmpty();
    }

    @Test
    void ndbExactGapNeedsExactDistance() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Gap:0:*:4142{3}4344\n");

        assertThat(db.match(bytes("ABxyzCD"))).containsExactly("Test.Gap");
        assertThat(db.match(bytes("ABxyCD"))).isEmpty();
        assertThat(db.match(bytes("ABwxyzCD"))).isEmpty();
    }

    @Test
    void ndbOpenGapsHonourTheirBounds() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Min:0:*:4142{2-}4344\nTest.Max:0:*:4546{-2}4748\n"
            + "Test.Range:0:*:494a{1-3}4b4c\n");

        assertThat(db.match(bytes("ABxCD"))).isEmpty();
        assertThat(db.match(bytes("ABxxxxxxCD"))).containsExactly("Test.Min");
        assertThat(db.match(bytes("EFGH"))).containsExactly("Test.Max");
        assertThat(db.match(bytes("EFxxxGH"))).isEmpty();
        assertThat(db.match(bytes("IJKL"))).isEmpty();
        assertThat(db.match(bytes("IJxxKL"))).containsExactly("Test.Range");
        assertThat(db.match(bytes("IJxxxxKL"))).isEmpty();
    }

    @Test
    void ndbAlternativesMatchAnyOption() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Alt:0:*:(6361|646f67)2066726f6d\n");

        assertThat(db.match(bytes("a ca from b"))).containsExactly("Test.Alt");
        assertThat(db.match(bytes("a dog from b"))).containsExactly("Test.Alt");
        assertThat(db.match(bytes("a cat from b"))).isEmpty();
    }

    @Test
    void ndbGapsBeforeTheAnchorAreMatchedBackwards() throws Exception {
        // The anchor is the longest fixed run, here at the end: everything before it is matched backwards.
        SignatureDatabase db = load("a.ndb", "Test.Back:0:*:41??42{1-2}(43|44)4546474849\n");

        assertThat(db.match(bytes("..AxBxxDEFGHI.."))).containsExactly("Test.Back");
        assertThat(db.match(bytes("..AxBxxxDEFGHI.."))).isEmpty();
    }

    @Test
    void ndbAbsoluteOffsetFixesTheStart() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.At4:0:4:717569636b\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.At4");
        assertThat(db.match(bytes("Thequick"))).isEmpty();
    }

    @Test
    void ndbOffsetRangeAllowsStartsWithinIt() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Range:0:2,3:717569636b\n");

        assertThat(db.match(bytes("..quick"))).containsExactly("Test.Range");
        assertThat(db.match(bytes(".....quick"))).containsExactly("Test.Range");
        assertThat(db.match(bytes("......quick"))).isEmpty();
        assertThat(db.match(bytes(".quick"))).isEmpty();
    }

    @Test
    void ndbEofOffsetCountsFromTheEnd() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Eof:0:EOF-8:6c617a7920646f67\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Eof");
        assertThat(db.match(bytes("lazy dog."))).isEmpty();
    }

    @Test
    void ndbEofOffsetBeyondTheStartOfTheObjectNeverMatches() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Eof:0:EOF-10,10:6c617a79\n");

        assertThat(db.match(bytes("lazy"))).isEmpty();
        assertThat(db.match(bytes("lazy......"))).containsExactly("Test.Eof");
    }

    @Test
    void ndbFunctionalityLevelsAreAccepted() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Levels:0:*:6c617a79:51:255\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Levels");
    }

    @Test
    void unsupportedLinesAreSkippedWithFileAndLine() throws Exception {
        SignatureDatabase db = load("mixed.ndb", "# a comment\n"
            + "Test.Good:0:*:6c617a79\n"
            + "Test.EntryPoint:1:EP+0:6c617a79\n"
            + "Test.Negated:0:*:6c61!(7a|79)79\n"
            + "Test.NegatedUneven:0:*:6c61!(7a|7979)79\n"
            + "broken line\n"
            + "Test.Boundary:0:*:(B)6c617a79\n"
            + "Test.Short:0:*:6c??\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Good");
        assertThat(db.counts().body()).isEqualTo(2);
        assertThat(db.counts().skipped()).isEqualTo(5);
        assertThat(db.warnings()).extracting(ParseWarning::line).containsExactly(3, 5, 6, 7, 8);
        assertThat(db.warnings().get(1).toString()).contains("must all have the same length");
        assertThat(db.warnings().get(0).toString()).startsWith("mixed.ndb:3: offset 'EP+0' is not supported");
    }

    @Test
    void badHashLinesAreSkippedWithFileAndLine() throws Exception {
        SignatureDatabase db = load("bad.hdb", hex(HashAlgorithm.SHA1, SAMPLE) + ":43:Test.Sha1InHdb\n"
            + "zz:43:Test.NotHex\n"
            + hex(HashAlgorithm.MD5, SAMPLE) + ":big:Test.BadSize\n"
            + hex(HashAlgorithm.MD5, SAMPLE) + ":43:Test.Good\n");

        assertThat(db.match(SAMPLE)).containsExactly("Test.Good");
        assertThat(db.warnings()).extracting(ParseWarning::toString).containsExactly(
            "bad.hdb:1: hash of 40 hex digits: .hdb takes MD5 (32)",
            "bad.hdb:2: hash of 2 hex digits: .hdb takes MD5 (32)",
            "bad.hdb:3: size 'big' is not a byte count or '*'");
    }

    @Test
    void unsupportedSignatureFileIsSkippedAsAWhole() throws Exception {
        new DatabaseBuilder("1").addFile("a.ldb", "Sig;Engine:51-255;0;6c617a79\n")
            .addFile("b.ndb", "Test.Good:0:*:6c617a79\n").writeTo(dir, KEYS.getPrivate());

        SignatureDatabase db = new DatabaseLoader(TrustedKeys.of(KEYS.getPublic())).load(dir);

        assertThat(db.match(SAMPLE)).containsExactly("Test.Good");
        assertThat(db.warnings()).extracting(ParseWarning::toString)
            .containsExactly("a.ldb: signature type .ldb is not supported by the built-in engine, file skipped");
    }

    @Test
    void allMatchingSignaturesAreReportedOnce() throws Exception {
        new DatabaseBuilder("1")
            .addFile("a.hdb", hex(HashAlgorithm.MD5, SAMPLE) + ":" + SAMPLE.length + ":Test.Hash\n")
            .addFile("b.ndb", "Test.Fox:0:*:666f78\nTest.The:0:*:746865\nTest.Cat:0:*:636174\n")
            .writeTo(dir, KEYS.getPrivate());

        SignatureDatabase db = new DatabaseLoader(TrustedKeys.of(KEYS.getPublic())).load(dir);

        assertThat(db.match(SAMPLE)).containsExactly("Test.Hash", "Test.Fox", "Test.The");
    }

    @Test
    void patternWithSeveralGapsIsDecidedCorrectlyWhenItsAnchorOccursEverywhere() throws Exception {
        // Anchor "ABAB" occurs at every other byte; the memo of failed positions keeps this from going quadratic.
        SignatureDatabase db = load("a.ndb", "Test.Gaps:0:*:41424142*4344{1-5}4546*4748\n");
        String noise = "AB".repeat(50_000);

        assertThat(db.match(bytes(noise + "CDxxEF" + noise))).isEmpty();
        assertThat(db.match(bytes(noise + "CDxxEF" + noise + "GH"))).containsExactly("Test.Gaps");
        assertThat(db.match(bytes("GH" + noise + "CDxxxxxxEF" + noise + "GH"))).isEmpty();
    }

    @Test
    void backwardGapsAreDecidedCorrectlyWhenTheAnchorOccursEverywhere() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Back:0:*:5859*5a5a{0-3}41424142\n");
        String noise = "AB".repeat(50_000);

        assertThat(db.match(bytes("ZZ" + noise))).isEmpty();
        assertThat(db.match(bytes("XY..ZZ" + noise))).containsExactly("Test.Back");
        assertThat(db.match(bytes("ZZ" + noise + "XY"))).isEmpty();
    }

    @Test
    void patternWithTooManyPartsIsSkipped() throws Exception {
        String many = "4142" + "{1}43".repeat(300);
        SignatureDatabase db = load("a.ndb", "Test.Many:0:*:" + many + "\nTest.Ok:0:*:4142{1}43\n");

        assertThat(db.counts().body()).isEqualTo(1);
        assertThat(db.warnings()).singleElement().asString().contains("a.ndb:1:").contains("at most 256");
    }

    @Test
    void ndbNegatedAlternativesMatchAnythingButTheOptions() throws Exception {
        SignatureDatabase db = load("a.ndb", "Test.Not:0:*:4142!(43|44)4546\n");

        assertThat(db.match(bytes("ABxEF"))).containsExactly("Test.Not");
        assertThat(db.match(bytes("ABCEF"))).isEmpty();
        assertThat(db.match(bytes("ABDEF"))).isEmpty();
        assertThat(db.match(bytes("ABEF"))).isEmpty();
    }
}
