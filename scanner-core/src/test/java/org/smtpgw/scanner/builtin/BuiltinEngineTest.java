package org.smtpgw.scanner.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.db.DatabaseBuilder;
import org.smtpgw.scanner.db.DatabaseHolder;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.Ed25519Keys;
import org.smtpgw.scanner.db.TrustedKeys;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;

class BuiltinEngineTest {
    private static final KeyPair VENDOR = Ed25519Keys.generate();

    @TempDir
    Path dir;

    private DatabaseHolder holder;
    private BuiltinEngine engine;

    @BeforeEach
    void loadDatabase() throws Exception {
        new DatabaseBuilder("2026112801").addFile("main.ndb", "Test.Lazy:0:*:6c617a7920646f67\n")
            .writeTo(dir, VENDOR.getPrivate());
        holder = new DatabaseHolder(new DatabaseLoader(TrustedKeys.of(VENDOR.getPublic())), dir);
        holder.reload();
        engine = new BuiltinEngine(holder);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void standardTestFileIsInfectedWithCureOff() throws Exception {
        EngineResult result = engine.scan(bytes(EicarVariant.EICAR), false);

        assertThat(result.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(result.virusNames()).containsExactly("EICAR-Test-File");
    }

    @Test
    void standardTestFileFailsDisinfectionAndStaysInfectedWithCureOn() throws Exception {
        EngineResult result = engine.scan(bytes(EicarVariant.EICAR), true);

        assertThat(result.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(result.virusNames()).containsExactly("EICAR-Test-File");
        assertThat(result.curedContent()).isEmpty();
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("disinfection"));
    }

    @Test
    void corrVariantIsErrorBecauseCorrupted() throws Exception {
        for (boolean cure : new boolean[] {false, true}) {
            EngineResult result = engine.scan(bytes("CORR-" + EicarVariant.EICAR), cure);

            assertThat(result.status()).isEqualTo(ObjectStatus.ERROR);
            assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("corrupted"));
        }
    }

    @Test
    void suspVariantIsSuspiciousUnknownCode() throws Exception {
        for (boolean cure : new boolean[] {false, true}) {
            EngineResult result = engine.scan(bytes("SUSP-" + EicarVariant.EICAR), cure);

            assertThat(result.status()).isEqualTo(ObjectStatus.SUSPICIOUS);
            assertThat(result.virusNames()).containsExactly("EICAR-Test-File.unknown");
        }
    }

    @Test
    void warnVariantIsSuspiciousModifiedCode() throws Exception {
        for (boolean cure : new boolean[] {false, true}) {
            EngineResult result = engine.scan(bytes("WARN-" + EicarVariant.EICAR), cure);

            assertThat(result.status()).isEqualTo(ObjectStatus.SUSPICIOUS);
            assertThat(result.virusNames()).containsExactly("EICAR-Test-File.modified");
        }
    }

    @Test
    void erroVariantIsScanError() throws Exception {
        for (boolean cure : new boolean[] {false, true}) {
            EngineResult result = engine.scan(bytes("ERRO-" + EicarVariant.EICAR), cure);

            assertThat(result.status()).isEqualTo(ObjectStatus.ERROR);
            assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("scanning"));
        }
    }

    @Test
    void cureVariantIsInfectedWithCureOff() throws Exception {
        EngineResult result = engine.scan(bytes("CURE-" + EicarVariant.EICAR), false);

        assertThat(result.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(result.virusNames()).containsExactly("EICAR-Test-File");
    }

    @Test
    void cureVariantIsDisinfectedToCuredWithCureOn() throws Exception {
        EngineResult result = engine.scan(bytes("CURE-" + EicarVariant.EICAR + "\r\n"), true);

        assertThat(result.status()).isEqualTo(ObjectStatus.DISINFECTED);
        assertThat(result.virusNames()).containsExactly("EICAR-Test-File");
        assertThat(result.curedContent()).hasValueSatisfying(
            content -> assertThat(new String(content, StandardCharsets.US_ASCII)).isEqualTo("CURED"));
    }

    @Test
    void deleVariantIsInfectedAndCannotBeCured() throws Exception {
        for (boolean cure : new boolean[] {false, true}) {
            EngineResult result = engine.scan(bytes("DELE-" + EicarVariant.EICAR), cure);

            assertThat(result.status()).isEqualTo(ObjectStatus.INFECTED);
            assertThat(result.virusNames()).containsExactly("EICAR-Test-File");
            assertThat(result.curedContent()).isEmpty();
        }
    }

    @Test
    void prefixWithEnDashAsPrintedInTheManualIsRecognised() throws Exception {
        assertThat(engine.scan(bytes("SUSP\u2013" + EicarVariant.EICAR), false).status())
            .isEqualTo(ObjectStatus.SUSPICIOUS);
    }

    @Test
    void testFileFollowedByWhitespaceIsRecognised() throws Exception {
        assertThat(engine.scan(bytes(EicarVariant.EICAR + " \t\r\n\r\n"), false).status())
            .isEqualTo(ObjectStatus.INFECTED);
    }

    @Test
    void testFileFollowedByOtherTextIsNotTheTestFile() throws Exception {
        assertThat(engine.scan(bytes(EicarVariant.EICAR + "\r\nRegards, Bob\r\n"), false).status())
            .isEqualTo(ObjectStatus.CLEAN);
        assertThat(engine.scan(bytes(EicarVariant.EICAR + " ".repeat(61)), false).status())
            .isEqualTo(ObjectStatus.CLEAN);
        assertThat(engine.scan(bytes("XXXX-" + EicarVariant.EICAR), false).status()).isEqualTo(ObjectStatus.CLEAN);
    }

    @Test
    void everyVariantTestFileIsDetectedAsItself() {
        for (EicarVariant variant : EicarVariant.values()) {
            assertThat(EicarVariant.detect(variant.testFile())).contains(variant);
        }
    }

    @Test
    void databaseSignatureMatchIsInfectedAndNotCurable() throws Exception {
        EngineResult off = engine.scan(bytes("the lazy dog"), false);
        EngineResult on = engine.scan(bytes("the lazy dog"), true);

        assertThat(off.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(off.virusNames()).containsExactly("Test.Lazy");
        assertThat(on.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(on.virusNames()).containsExactly("Test.Lazy");
    }

    @Test
    void objectMatchingNothingIsClean() throws Exception {
        assertThat(engine.scan(bytes("hello"), true)).isEqualTo(EngineResult.clean());
    }

    @Test
    void scanThrowsEngineUnavailableWithoutDatabase(@TempDir Path empty) {
        BuiltinEngine withoutDb = new BuiltinEngine(
            new DatabaseHolder(new DatabaseLoader(TrustedKeys.of(VENDOR.getPublic())), empty));

        assertThatThrownBy(() -> withoutDb.scan(bytes(EicarVariant.EICAR), false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("no signature database");
        assertThat(withoutDb.databaseVersion()).isEqualTo(BuiltinEngine.NO_DATABASE);
    }

    @Test
    void databaseVersionIsTheManifestVersion() {
        assertThat(engine.databaseVersion()).isEqualTo("2026112801");
        assertThat(engine.name()).isEqualTo("built-in");
    }

    @Test
    void concurrentScansDuringReloadAllGetAnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EngineResult>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> engine.scan(bytes("the lazy dog"), false)));
                if (i % 50 == 0) {
                    holder.reload();
                }
            }
            for (Future<EngineResult> result : results) {
                assertThat(result.get().virusNames()).containsExactly("Test.Lazy");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
