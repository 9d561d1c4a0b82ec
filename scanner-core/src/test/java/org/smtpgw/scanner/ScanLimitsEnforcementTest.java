package org.smtpgw.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpgw.scanner.TestArchives.entries;
import static org.smtpgw.scanner.TestMails.attachment;
import static org.smtpgw.scanner.TestMails.multipart;
import static org.smtpgw.scanner.TestMails.stream;
import static org.smtpgw.scanner.TestMails.textPart;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ScanLimits;
import org.smtpgw.scanner.model.ScannedObject;
import org.tukaani.xz.LZMA2Options;

/** Each {@link ScanLimits} limit turns the object concerned into {@code error}, naming the limit and its value. */
class ScanLimitsEnforcementTest {
    private final MarkerEngine engine = new MarkerEngine();

    private MessageVerdict scan(ScanLimits limits, String mail) throws Exception {
        return MessageScanner.builder(engine).limits(limits).build().scan(stream(mail));
    }

    private static ScannedObject object(MessageVerdict verdict, String path) {
        return verdict.object(path).orElseThrow(() -> new AssertionError("no object " + path + " in " + verdict));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void defaultLimitsShouldStopAZipBomb() throws Exception {
        // 64 MiB of zeros deflate to about 64 KiB: a ratio of about 1000.
        byte[] bomb = TestArchives.zip(entries("zeros.bin", TestArchives.zeros(64 * 1024 * 1024)));
        String mail = multipart(textPart("hello"), attachment("application/zip", "bomb.zip", bomb));

        MessageVerdict verdict = scan(ScanLimits.DEFAULT, mail);

        assertThat(object(verdict, "1").status()).isEqualTo(ObjectStatus.CLEAN);
        assertThat(object(verdict, "2").status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(object(verdict, "2").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("limit maxCompressionRatio=100 exceeded"));
        assertThat(verdict.object("2/zeros.bin")).isEmpty();
    }

    @Test
    void compressionRatioLimitShouldApplyToSingleStreamFormatsToo() throws Exception {
        byte[] gz = TestArchives.gzip(TestArchives.zeros(4 * 1024 * 1024), "zeros.bin");
        ScanLimits limits = ScanLimits.builder().maxCompressionRatio(20).build();

        MessageVerdict verdict = scan(limits, multipart(attachment("application/gzip", "z.gz", gz)));

        assertThat(object(verdict, "1").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("limit maxCompressionRatio=20 exceeded"));
    }

    @Test
    void nestingDepthLimitShouldLeaveTheDeepestContainerUnopened() throws Exception {
        byte[] level3 = TestArchives.zip(entries("deep.txt", "never reached " + MarkerEngine.MARKER));
        byte[] level2 = TestArchives.zip(entries("level3.zip", level3));
        byte[] level1 = TestArchives.zip(entries("level2.zip", level2));
        ScanLimits limits = ScanLimits.builder().maxNestingDepth(2).build();

        MessageVerdict verdict = scan(limits, multipart(attachment("application/zip", "level1.zip", level1)));

        assertThat(verdict.objects()).extracting(object -> object.path().toString())
            .containsExactly("1", "1/level2.zip", "1/level2.zip/level3.zip");
        ScannedObject deepest = object(verdict, "1/level2.zip/level3.zip");
        assertThat(deepest.status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(deepest.reason()).contains("limit maxNestingDepth=2 exceeded: not opened");
        assertThat(object(verdict, "1").status()).isEqualTo(ObjectStatus.ERROR);
    }

    @Test
    void entriesLimitShouldStopReadingTheArchive() throws Exception {
        byte[] zip = TestArchives.zip(entries("1.txt", "a", "2.txt", "b", "3.txt", "c", "4.txt", "d", "5.txt", "e"));
        ScanLimits limits = ScanLimits.builder().maxEntriesPerArchive(3).build();

        MessageVerdict verdict = scan(limits, multipart(attachment("application/zip", "many.zip", zip)));

        assertThat(verdict.objects()).extracting(object -> object.path().toString())
            .containsExactly("1", "1/1.txt", "1/2.txt", "1/3.txt");
        assertThat(object(verdict, "1").status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(object(verdict, "1").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("limit maxEntriesPerArchive=3 exceeded"));
    }

    @Test
    void unpackedBytesLimitShouldCoverTheWholeMessage() throws Exception {
        byte[] first = TestArchives.zip(entries("a.bin", random(60_000, 1), "b.bin", random(60_000, 2)));
        byte[] second = TestArchives.zip(entries("c.bin", random(10_000, 3)));
        ScanLimits limits = ScanLimits.builder().maxUnpackedBytesPerMessage(100_000).build();

        MessageVerdict verdict = scan(limits, multipart(attachment("application/zip", "first.zip", first),
            textPart("between"), attachment("application/zip", "second.zip", second)));

        assertThat(object(verdict, "1/a.bin").status()).isEqualTo(ObjectStatus.CLEAN);
        assertThat(verdict.object("1/b.bin")).isEmpty();
        assertThat(object(verdict, "1").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("limit maxUnpackedBytesPerMessage=100000 bytes exceeded"));
        assertThat(object(verdict, "2").status()).isEqualTo(ObjectStatus.CLEAN);
        assertThat(object(verdict, "3").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("limit maxUnpackedBytesPerMessage=100000 bytes exceeded"));
    }

    @Test
    void objectSizeLimitShouldApplyToDecodedMimeParts() throws Exception {
        ScanLimits limits = ScanLimits.builder().maxObjectSize(1000).build();

        MessageVerdict verdict = scan(limits, multipart(textPart("small"),
            attachment("application/octet-stream", "big.bin", random(2000, 4))));

        assertThat(object(verdict, "1").status()).isEqualTo(ObjectStatus.CLEAN);
        ScannedObject big = object(verdict, "2");
        assertThat(big.status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(big.reason()).contains("limit maxObjectSize=1000 bytes exceeded");
        assertThat(big.name()).contains("big.bin");
        assertThat(big.size()).isGreaterThan(1000);
    }

    @Test
    void objectSizeLimitShouldApplyToArchiveEntries() throws Exception {
        byte[] zip = TestArchives.zip(entries("small.txt", "ok", "big.bin", TestArchives.zeros(5000), "after.txt", "x"));
        ScanLimits limits = ScanLimits.builder().maxObjectSize(4000).build();

        MessageVerdict verdict = scan(limits, multipart(attachment("application/zip", "a.zip", zip)));

        assertThat(verdict.objects()).extracting(object -> object.path().toString())
            .containsExactly("1", "1/small.txt", "1/big.bin");
        assertThat(object(verdict, "1/big.bin").reason()).contains("limit maxObjectSize=4000 bytes exceeded");
        assertThat(object(verdict, "1").reason()).hasValueSatisfying(reason ->
            assertThat(reason).isEqualTo("in 1/big.bin: limit maxObjectSize=4000 bytes exceeded"));
    }

    @Test
    void dictionaryLimitShouldRefuseAnXzStreamNeedingMoreMemory() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LZMA2Options options = new LZMA2Options(6); // an 8 MiB dictionary
        try (XZCompressorOutputStream xz = new XZCompressorOutputStream(out, 6)) {
            xz.write(("dictionary " + options.getDictSize()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        ScanLimits limits = ScanLimits.builder().maxDictionaryKiB(1024).build();

        MessageVerdict verdict = scan(limits, multipart(attachment("application/x-xz", "a.xz", out.toByteArray())));

        assertThat(object(verdict, "1").status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(object(verdict, "1").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("limit maxDictionaryKiB=1024 KiB exceeded"));
    }

    @Test
    void limitsShouldRejectValuesBelowOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScanLimits.builder().maxNestingDepth(0).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxNestingDepth must be at least 1, was 0");
    }

    @Test
    void defaultPresetShouldHaveTheDocumentedValues() {
        assertThat(ScanLimits.DEFAULT).isEqualTo(new ScanLimits(10, 1000, 100L << 20, 100, 32L << 20, 65536));
        assertThat(ScanLimits.builder().build()).isEqualTo(ScanLimits.DEFAULT);
    }
}
