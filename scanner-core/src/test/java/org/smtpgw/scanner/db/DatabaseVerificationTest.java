package org.smtpgw.scanner.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseVerificationTest {
    private static final KeyPair VENDOR = Ed25519Keys.generate();
    private static final KeyPair STRANGER = Ed25519Keys.generate();

    @TempDir
    Path dir;

    private final DatabaseLoader loader = new DatabaseLoader(TrustedKeys.of(VENDOR.getPublic()));

    @BeforeEach
    void buildDatabase() throws Exception {
        new DatabaseBuilder("2026112801").released(Instant.parse("2026-11-28T12:00:00Z"))
            .addFile("main.ndb", "Test.Lazy:0:*:6c617a79\n")
            .writeTo(dir, VENDOR.getPrivate());
    }

    @Test
    void loadShouldAcceptDatabaseSignedByTrustedKey() throws Exception {
        SignatureDatabase db = loader.load(dir);

        assertThat(db.version()).isEqualTo("2026112801");
        assertThat(db.manifest().released()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(db.signatureChecked()).isTrue();
        assertThat(db.match("lazy".getBytes(StandardCharsets.US_ASCII))).containsExactly("Test.Lazy");
    }

    @Test
    void loadShouldAcceptWhenAnyOfSeveralKeysSigned() throws Exception {
        SignatureDatabase db = new DatabaseLoader(TrustedKeys.of(STRANGER.getPublic(), VENDOR.getPublic())).load(dir);

        assertThat(db.version()).isEqualTo("2026112801");
    }

    @Test
    void loadShouldRefuseTamperedManifest() throws Exception {
        Path manifest = dir.resolve(DatabaseLayout.MANIFEST_FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("version=2026112801", "version=2099010101"));

        assertThatThrownBy(() -> loader.load(dir))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining(DatabaseLayout.SIGNATURE_FILE)
            .hasMessageContaining("does not verify with any trusted key");
    }

    @Test
    void loadShouldRefuseSignatureFileChangedAfterSigning() throws Exception {
        Files.writeString(dir.resolve("main.ndb"), "Test.Lazy:0:*:6c617a79\nEvil.Allow:0:*:0000\n");

        assertThatThrownBy(() -> loader.load(dir))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining("main.ndb")
            .hasMessageContaining("the file was changed after the database was signed")
            .satisfies(e -> assertThat(((DatabaseException) e).file()).isEqualTo(dir.resolve("main.ndb")));
    }

    @Test
    void loadShouldRefuseUnsignedDatabase() throws Exception {
        Files.delete(dir.resolve(DatabaseLayout.SIGNATURE_FILE));

        assertThatThrownBy(() -> loader.load(dir))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining(DatabaseLayout.SIGNATURE_FILE)
            .hasMessageContaining("unsigned");
    }

    @Test
    void loadShouldRefuseDatabaseSignedByUntrustedKey() throws Exception {
        new DatabaseBuilder("2026112802").addFile("main.ndb", "Test.Lazy:0:*:6c617a79\n")
            .writeTo(dir, STRANGER.getPrivate());

        assertThatThrownBy(() -> loader.load(dir))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining("does not verify with any trusted key [" + Ed25519Keys.fingerprint(VENDOR.getPublic()));
    }

    @Test
    void loadShouldRefuseWhenListedFileIsMissing() throws Exception {
        Files.delete(dir.resolve("main.ndb"));

        assertThatThrownBy(() -> loader.load(dir))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining("main.ndb: listed in the manifest but missing");
    }

    @Test
    void loadShouldRefuseWhenNoKeyIsTrusted() {
        assertThatThrownBy(() -> new DatabaseLoader(new TrustedKeys(java.util.List.of())).load(dir))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining("no trusted public key");
    }

    @Test
    void loadShouldRefuseDirectoryWithoutManifest(@TempDir Path empty) {
        assertThatThrownBy(() -> loader.load(empty))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining("manifest: missing: not a signature database");
    }

    @Test
    void loadShouldIgnoreFilesTheManifestDoesNotList() throws Exception {
        Files.writeString(dir.resolve("extra.ndb"), "Planted:0:*:6c617a79\n");

        SignatureDatabase db = loader.load(dir);

        assertThat(db.match("lazy".getBytes(StandardCharsets.US_ASCII))).containsExactly("Test.Lazy");
    }

    @Test
    void keysShouldSurviveWritingAndReading(@TempDir Path keys) throws Exception {
        Ed25519Keys.write(VENDOR, keys.resolve("v.pub"), keys.resolve("v.key"));
        new DatabaseBuilder("3").addFile("a.ndb", "A:0:*:6c617a79\n")
            .writeTo(dir, Ed25519Keys.readPrivateKey(keys.resolve("v.key")));

        SignatureDatabase db = new DatabaseLoader(TrustedKeys.fromFiles(java.util.List.of(keys.resolve("v.pub"))))
            .load(dir);

        assertThat(db.version()).isEqualTo("3");
        assertThatThrownBy(() -> Ed25519Keys.readPublicKey(keys.resolve("v.key")))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining("v.key: not a PEM file with a '-----BEGIN PUBLIC KEY-----' block");
    }

    @Test
    void bareBase64KeyFilesAreAccepted(@TempDir Path keys) throws Exception {
        Files.writeString(keys.resolve("v.pub"),
            java.util.Base64.getEncoder().encodeToString(VENDOR.getPublic().getEncoded()) + "\n");

        SignatureDatabase db = new DatabaseLoader(TrustedKeys.fromFiles(java.util.List.of(keys.resolve("v.pub"))))
            .load(dir);

        assertThat(db.version()).isEqualTo("2026112801");
    }

    @Test
    void privateKeyIsNotAcceptedAsPublicKey(@TempDir Path keys) throws Exception {
        Files.writeString(keys.resolve("v.pub"),
            java.util.Base64.getEncoder().encodeToString(VENDOR.getPrivate().getEncoded()) + "\n");

        assertThatThrownBy(() -> Ed25519Keys.readPublicKey(keys.resolve("v.pub")))
            .isInstanceOf(DatabaseException.class)
            .hasMessageContaining("v.pub: not an Ed25519 public key");
    }

    @Test
    void verifyShouldReturnManifestOfIntactDatabase() throws Exception {
        Manifest manifest = loader.verify(dir);

        assertThat(manifest.version()).isEqualTo("2026112801");
        assertThat(manifest.files()).extracting(Manifest.Entry::name).containsExactly("main.ndb");
    }

    @Test
    void verifyShouldRefuseChangedFileAndBadSignature() throws Exception {
        Files.writeString(dir.resolve("main.ndb"), "changed\n");
        assertThatThrownBy(() -> loader.verify(dir)).isInstanceOf(DatabaseException.class)
            .hasMessageContaining("main.ndb").hasMessageContaining("changed after the database was signed");

        assertThatThrownBy(() -> new DatabaseLoader(TrustedKeys.of(STRANGER.getPublic())).verify(dir))
            .isInstanceOf(DatabaseException.class).hasMessageContaining("does not verify with any trusted key");
    }
}
