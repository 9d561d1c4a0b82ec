package org.smtpgw.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpgw.scanner.TestArchives.entries;
import static org.smtpgw.scanner.TestMails.attachment;
import static org.smtpgw.scanner.TestMails.multipart;
import static org.smtpgw.scanner.TestMails.stream;
import static org.smtpgw.scanner.TestMails.textPart;

import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.scanner.builtin.BuiltinEngine;
import org.smtpgw.scanner.builtin.EicarVariant;
import org.smtpgw.scanner.db.DatabaseBuilder;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.Ed25519Keys;
import org.smtpgw.scanner.db.TrustedKeys;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ScannedObject;

/** The real built-in engine with a signed database, behind the whole decomposition. */
class BuiltinEngineEndToEndTest {
    private static final KeyPair VENDOR = Ed25519Keys.generate();

    @TempDir
    Path dir;

    private MessageScanner.Builder scanner() throws Exception {
        // a body signature for the bytes "lazy dog"
        new DatabaseBuilder("2026112801").addFile("main.ndb", "Test.Lazy:0:*:6c617a7920646f67\n")
            .writeTo(dir, VENDOR.getPrivate());
        BuiltinEngine engine = BuiltinEngine.of(new DatabaseLoader(TrustedKeys.of(VENDOR.getPublic())).load(dir));
        return MessageScanner.builder(engine);
    }

    private static ScannedObject object(MessageVerdict verdict, String path) {
        return verdict.object(path).orElseThrow(() -> new AssertionError("no object " + path + " in " + verdict));
    }

    @Test
    void eicarInsideAZipShouldInfectThePartCarryingTheZip() throws Exception {
        byte[] zip = TestArchives.zip(entries("readme.txt", "hello", "eicar.com", EicarVariant.EICAR));
        String mail = multipart(textPart("see attachment"), attachment("application/zip", "test.zip", zip));

        MessageVerdict verdict = scanner().build().scan(stream(mail));

        assertThat(object(verdict, "2/eicar.com").status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(object(verdict, "2/eicar.com").virusNames()).containsExactly(EicarVariant.VIRUS_NAME);
        assertThat(object(verdict, "2/readme.txt").status()).isEqualTo(ObjectStatus.CLEAN);
        assertThat(verdict.statusByTopLevelPart()).containsEntry("1", ObjectStatus.CLEAN)
            .containsEntry("2", ObjectStatus.INFECTED);
        assertThat(verdict.virusNames()).containsExactly(EicarVariant.VIRUS_NAME);
    }

    @Test
    void databaseSignatureShouldMatchInsideATarGz() throws Exception {
        byte[] tgz = TestArchives.gzip(TestArchives.tar(entries("story.txt", "the quick brown fox jumps over the lazy dog")),
            null);
        String mail = multipart(attachment("application/octet-stream", "stories.tgz", tgz));

        MessageVerdict verdict = scanner().build().scan(stream(mail));

        assertThat(object(verdict, "1/stories.tar/story.txt").virusNames()).containsExactly("Test.Lazy");
        assertThat(object(verdict, "1").status()).isEqualTo(ObjectStatus.INFECTED);
    }

    @Test
    void curableTestFileShouldBeDisinfectedAsAPartButNotInsideAnArchive() throws Exception {
        String cure = "CURE-" + EicarVariant.EICAR;
        String mail = multipart(attachment("application/octet-stream", "cure.com", cure.getBytes(
            java.nio.charset.StandardCharsets.US_ASCII)),
            attachment("application/zip", "cure.zip", TestArchives.zip(entries("cure.com", cure))));

        MessageVerdict verdict = scanner().cure(true).build().scan(stream(mail));

        assertThat(object(verdict, "1").status()).isEqualTo(ObjectStatus.DISINFECTED);
        assertThat(object(verdict, "1").curedContent()).hasValue(EicarVariant.CURED_CONTENT);
        assertThat(object(verdict, "2/cure.com").status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(object(verdict, "2").status()).isEqualTo(ObjectStatus.INFECTED);
    }
}
