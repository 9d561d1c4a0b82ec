package org.smtpgw.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ScannedObject;

/**
 * Debian's {@code clamav-testfiles} package holds ClamAV's harmless test program {@code clam.exe} in many
 * containers. Each container that commons-compress can open is attached to a message; the scanner must unpack
 * {@code clam.exe} from it as an object of its own (recognised here by its SHA-256).
 *
 * <p>Containers of the package that are not opened, because commons-compress has no reader for them or smtpgw
 * does not unpack them: {@code clam.arj} (commons-compress reads only stored ARJ entries), {@code clam.cab},
 * {@code clam.chm}, {@code clam.*.cpio} (cpio is not among the unpacked formats), {@code clam.exe.binhex},
 * {@code clam.exe.rtf}, {@code clam.exe.szdd}, {@code clam.exe.html}, {@code clam.ole.doc}, {@code clam.ppt},
 * {@code clam.pdf}, {@code clam.sis}, {@code clam.tnef}, the packed executables ({@code clam-upx.exe}, ...) and
 * the installers ({@code clam_IS*}, {@code clam.ea0*.exe}).
 */
class ClamavTestFilesTest {
    private static final Path DIR = Path.of("/usr/share/clamav-testfiles");
    private static byte[] clamExeSha256;

    @BeforeAll
    static void requireTestFiles() throws Exception {
        assertThat(DIR.resolve("clam.exe"))
            .withFailMessage("%s is missing: install Debian's test files with 'apt-get install clamav-testfiles'"
                + " (CI installs them)", DIR)
            .exists();
        clamExeSha256 = EngineInvoker.sha256(Files.readAllBytes(DIR.resolve("clam.exe")));
    }

    static Stream<Arguments> containers() {
        return Stream.of(
            Arguments.of("clam.zip", "1/clam.exe"),
            Arguments.of("clam.tar.gz", "1/clam.tar/clam.exe"),
            Arguments.of("clam.7z", "1/clam.exe"),
            Arguments.of("clam.exe.bz2", "1/clam.exe"),
            Arguments.of("clam.bz2.zip", "1/clam.exe"),   // zip entry compressed with bzip2 (method 12)
            Arguments.of("clam.d64.zip", "1/clam.exe"),   // deflate64 (method 9)
            Arguments.of("clam.impl.zip", "1/CLAM.EXE"),  // PKWARE implode (method 6), an MS-DOS style name
            Arguments.of("clam.exe.mbox.base64", "1/message-1/1"),
            Arguments.of("clam.exe.mbox.uu", "1/message-1/1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void scanShouldUnpackClamExeFromTheContainer(String file, String expectedPath) throws Exception {
        MarkerEngine engine = new MarkerEngine().infectedBySha256(clamExeSha256, "ClamAV-Test-File");
        String mail = TestMails.multipart(TestMails.attachment("application/octet-stream", file,
            Files.readAllBytes(DIR.resolve(file))));

        MessageVerdict verdict = MessageScanner.builder(engine).build().scan(TestMails.stream(mail));

        ScannedObject clam = verdict.object(expectedPath)
            .orElseThrow(() -> new AssertionError("no object " + expectedPath + " in " + verdict));
        assertThat(clam.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(clam.virusNames()).containsExactly("ClamAV-Test-File");
        assertThat(clam.detectedType()).isEqualTo("application/x-msdownload");
        assertThat(verdict.statusByTopLevelPart()).containsEntry("1", ObjectStatus.INFECTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void scanShouldNotOpenArchivesWhenScanArchivesIsOff(String file, String expectedPath) throws Exception {
        if (file.contains("mbox")) {
            return; // mailboxes are governed by scanMailBases, covered in MessageScannerTest
        }
        MarkerEngine engine = new MarkerEngine().infectedBySha256(clamExeSha256, "ClamAV-Test-File");
        String mail = TestMails.multipart(TestMails.attachment("application/octet-stream", file,
            Files.readAllBytes(DIR.resolve(file))));

        MessageVerdict verdict = MessageScanner.builder(engine).scanArchives(false).build()
            .scan(TestMails.stream(mail));

        assertThat(verdict.objects()).extracting(object -> object.path().toString()).containsExactly("1");
        assertThat(verdict.worstStatus()).isEqualTo(ObjectStatus.CLEAN);
    }

    @org.junit.jupiter.api.Test
    void scanShouldFindClamExeInClamAVsTestMail() throws Exception {
        MarkerEngine engine = new MarkerEngine().infectedBySha256(clamExeSha256, "ClamAV-Test-File");

        MessageVerdict verdict = MessageScanner.builder(engine).build()
            .scan(Files.newInputStream(DIR.resolve("clam.mail")));

        assertThat(verdict.objectsWithStatus(ObjectStatus.INFECTED)).extracting(ScannedObject::name)
            .contains(java.util.Optional.of("clam.exe"));
    }
}
