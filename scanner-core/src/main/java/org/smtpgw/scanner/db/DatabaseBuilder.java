package org.smtpgw.scanner.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a signed signature database: the signature files, the manifest listing their SHA-256, and the manifest's
 * detached Ed25519 signature. Used by {@code avdb build}, by the distribution build for its starter database, and
 * by tests of other modules that need a real signed database:
 *
 * <pre>{@code
 * KeyPair keys = Ed25519Keys.generate();
 * new DatabaseBuilder("2026112801")
 *     .addFile("test.hdb", "44d88612fea8a8f36de82e1278abb02f:68:Test.Eicar.MD5\n")
 *     .addFile("test.ndb", "Test.Body:0:*:deadbeef{2-4}cafe\n")
 *     .writeTo(directory, keys.getPrivate());
 * }</pre>
 */
public final class DatabaseBuilder {
    private final String version;
    private Instant released = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public DatabaseBuilder(String version) {
        this.version = Objects.requireNonNull(version, "version");
    }

    public DatabaseBuilder released(Instant released) {
        this.released = released.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    public DatabaseBuilder addFile(String name, String content) {
        return addFile(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public DatabaseBuilder addFile(String name, byte[] content) {
        if (files.put(name, content.clone()) != null) {
            throw new IllegalArgumentException("signature file " + name + " added twice");
        }
        return this;
    }

    /** Adds a copy of an existing signature file under its own name. */
    public DatabaseBuilder addFile(Path file) throws IOException {
        return addFile(file.getFileName().toString(), Files.readAllBytes(file));
    }

    /**
     * Signs signature files already in {@code directory}, without copying them: writes the manifest (with each
     * file's SHA-256, computed while streaming, so files of any size work) and its signature. For large feeds and
     * for updaters that assemble the directory themselves.
     */
    public Manifest signInPlace(Path directory, List<String> fileNames, PrivateKey key) throws IOException {
        if (!files.isEmpty()) {
            throw new IllegalStateException("signInPlace signs existing files; do not also add files");
        }
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String name : fileNames) {
            java.security.MessageDigest digest = DatabaseLoader.sha256();
            try (java.io.InputStream in = Files.newInputStream(directory.resolve(name))) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            entries.add(new Manifest.Entry(name, HexFormat.of().formatHex(digest.digest())));
        }
        return writeManifest(directory, new Manifest(version, released, entries), key);
    }

    /**
     * Writes the database into {@code directory} (created if needed; files of the same names are replaced) and
     * returns its manifest. The manifest and signature are written last, so a half-written directory never passes
     * verification.
     */
    public Manifest writeTo(Path directory, PrivateKey key) throws IOException {
        Files.createDirectories(directory);
        List<Manifest.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String sha256 = HexFormat.of().formatHex(DatabaseLoader.sha256().digest(file.getValue()));
            entries.add(new Manifest.Entry(file.getKey(), sha256));
        }
        Manifest manifest = new Manifest(version, released, entries);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue());
        }
        return writeManifest(directory, manifest, key);
    }

    private static Manifest writeManifest(Path directory, Manifest manifest, PrivateKey key) throws IOException {
        byte[] manifestBytes = manifest.toBytes();
        byte[] signature = Ed25519Keys.sign(key, manifestBytes);
        Files.write(directory.resolve(DatabaseLayout.MANIFEST_FILE), manifestBytes);
        Files.writeString(directory.resolve(DatabaseLayout.SIGNATURE_FILE),
            Base64.getEncoder().encodeToString(signature) + "\n", StandardCharsets.US_ASCII);
        return manifest;
    }
}
