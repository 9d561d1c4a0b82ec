package org.smtpgw.scanner.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a signature database directory, refusing it unless
 * <ol>
 *   <li>its manifest carries a valid Ed25519 signature by one of the trusted keys,</li>
 *   <li>every file the manifest lists exists and has the SHA-256 the manifest gives.</li>
 * </ol>
 * Files in the directory that the manifest does not list are never read. Lines of signature files that smtpgw does
 * not support are skipped with a warning (see {@link SignatureFileParser}).
 *
 * <p>Each file is hashed while it is parsed (one read, so it cannot change between check and use); the parsed
 * signatures are only published once all hashes matched.
 */
public final class DatabaseLoader {
    private static final Logger LOGGER = LoggerFactory.getLogger(DatabaseLoader.class);
    /** Skipped lines logged one by one on each load; the rest are counted, so a feed cannot flood the log. */
    private static final int LOGGED_WARNINGS = 20;

    private final TrustedKeys trustedKeys;

    public DatabaseLoader(TrustedKeys trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    /** Loads and verifies the database in {@code directory}. */
    public SignatureDatabase load(Path directory) throws DatabaseException {
        if (trustedKeys.isEmpty()) {
            throw new DatabaseException(directory, "no trusted public key is configured, so no database can be accepted");
        }
        byte[] manifestBytes = readManifest(directory);
        checkSignature(directory, manifestBytes);
        return read(directory, Manifest.parse(manifestBytes, directory.resolve(DatabaseLayout.MANIFEST_FILE)), true);
    }

    /**
     * Checks the manifest's signature and every listed file's SHA-256 without parsing any signature: what an updater
     * needs before swapping a downloaded database in, at the cost of one read of each file and little memory.
     *
     * @return the verified manifest
     */
    public Manifest verify(Path directory) throws DatabaseException {
        if (trustedKeys.isEmpty()) {
            throw new DatabaseException(directory, "no trusted public key is configured, so no database can be accepted");
        }
        byte[] manifestBytes = readManifest(directory);
        checkSignature(directory, manifestBytes);
        Manifest manifest = Manifest.parse(manifestBytes, directory.resolve(DatabaseLayout.MANIFEST_FILE));
        for (Manifest.Entry entry : manifest.files()) {
            Path file = directory.resolve(entry.name());
            MessageDigest sha256 = sha256();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, n);
                }
            } catch (NoSuchFileException e) {
                throw new DatabaseException(file, "listed in the manifest but missing", e);
            } catch (IOException e) {
                throw new DatabaseException(file, "cannot read: " + e, e);
            }
            checkHash(file, entry, sha256);
        }
        return manifest;
    }

    /**
     * Reads a database checking the file hashes but not the manifest's signature: for {@code avdb info} on a
     * database whose key is not at hand. Never use the result for scanning.
     */
    public static SignatureDatabase inspect(Path directory) throws DatabaseException {
        byte[] manifestBytes = readManifest(directory);
        return read(directory, Manifest.parse(manifestBytes, directory.resolve(DatabaseLayout.MANIFEST_FILE)), false);
    }

    private static byte[] readManifest(Path directory) throws DatabaseException {
        if (!Files.isDirectory(directory)) {
            throw new DatabaseException(directory, "not a directory (a signature database is a directory)");
        }
        Path file = directory.resolve(DatabaseLayout.MANIFEST_FILE);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatabaseException(file, "missing: not a signature database", e);
        } catch (IOException e) {
            throw new DatabaseException(file, "cannot read: " + e, e);
        }
    }

    private void checkSignature(Path directory, byte[] manifestBytes) throws DatabaseException {
        Path file = directory.resolve(DatabaseLayout.SIGNATURE_FILE);
        byte[] signature;
        try {
            signature = Base64.getMimeDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            throw new DatabaseException(file, "missing: the database is unsigned and is refused", e);
        } catch (IOException e) {
            throw new DatabaseException(file, "cannot read: " + e, e);
        } catch (IllegalArgumentException e) {
            throw new DatabaseException(file, "not a base64 signature: " + e.getMessage(), e);
        }
        for (PublicKey key : trustedKeys.keys()) {
            if (Ed25519Keys.verify(key, manifestBytes, signature)) {
                return;
            }
        }
        throw new DatabaseException(file, "the manifest's signature does not verify with any trusted key "
            + trustedKeys.describe() + ": the manifest was changed or signed by another key");
    }

    private static SignatureDatabase read(Path directory, Manifest manifest, boolean signatureChecked)
        throws DatabaseException {
        SignatureFileParser parser = new SignatureFileParser();
        for (Manifest.Entry entry : manifest.files()) {
            Path file = directory.resolve(entry.name());
            MessageDigest sha256 = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                parser.read(file, reader);
            } catch (NoSuchFileException e) {
                throw new DatabaseException(file, "listed in the manifest but missing", e);
            } catch (IOException e) {
                throw new DatabaseException(file, "cannot read: " + e, e);
            }
            checkHash(file, entry, sha256);
        }
        SignatureDatabase database = new SignatureDatabase(directory, manifest, parser.hashSignatures(),
            parser.bodySignatures(), parser.warnings(), parser.warningCount(), signatureChecked);
        List<ParseWarning> warnings = database.warnings();
        for (ParseWarning warning : warnings.subList(0, Math.min(warnings.size(), LOGGED_WARNINGS))) {
            LOGGER.warn("signature database {}: skipped {}", directory, warning);
        }
        if (parser.warningCount() > LOGGED_WARNINGS) {
            LOGGER.warn("signature database {}: {} more lines skipped (avdb info -w lists them)", directory,
                parser.warningCount() - LOGGED_WARNINGS);
        }
        return database;
    }

    private static void checkHash(Path file, Manifest.Entry entry, MessageDigest sha256) throws DatabaseException {
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(entry.sha256())) {
            throw new DatabaseException(file, "SHA-256 is " + actual + " but the manifest says " + entry.sha256()
                + ": the file was changed after the database was signed");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
