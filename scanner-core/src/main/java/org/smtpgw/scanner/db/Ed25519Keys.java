package org.smtpgw.scanner.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in PEM files, as OpenSSL writes them: {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) and
 * {@code PRIVATE KEY} (PKCS#8). A file holding just the base64 of the same DER bytes is read too. Uses the JDK's
 * own Ed25519 provider, nothing hand-written.
 */
public final class Ed25519Keys {
    public static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";
    private static final String PRIVATE_LABEL = "PRIVATE KEY";

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (Java 15 or later is required)", e);
        }
    }

    /** Writes the public key readable by all and the private key readable by its owner only (on POSIX systems). */
    public static void write(KeyPair pair, Path publicKeyFile, Path privateKeyFile) throws IOException {
        Files.writeString(publicKeyFile, pem(PUBLIC_LABEL, pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        Files.deleteIfExists(privateKeyFile);
        Files.createFile(privateKeyFile);
        try {
            Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows and friends: permissions are the administrator's business there.
        }
        Files.writeString(privateKeyFile, pem(PRIVATE_LABEL, pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    }

    public static PublicKey readPublicKey(Path file) throws DatabaseException {
        byte[] der = readPem(file, PUBLIC_LABEL);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new DatabaseException(file, "not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) throws DatabaseException {
        byte[] der = readPem(file, PRIVATE_LABEL);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new DatabaseException(file, "not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key (is it Ed25519?): " + e.getMessage(), e);
        }
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A short fingerprint for messages: the first 16 hex digits of the SHA-256 of the encoded key. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + label + "-----\n";
    }

    private static byte[] readPem(Path file, String label) throws DatabaseException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DatabaseException(file, "cannot read key file: " + e, e);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            String bare = text.strip();
            if (!bare.isEmpty() && !bare.contains("-----") && bare.chars().allMatch(c -> c < 128)) {
                // A bare base64 DER key (what some tools print) is accepted too.
                try {
                    return Base64.getMimeDecoder().decode(bare);
                } catch (IllegalArgumentException notBase64) {
                    // fall through to the PEM message
                }
            }
            throw new DatabaseException(file, "not a PEM file with a '" + begin + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new DatabaseException(file, "the " + label + " block is not valid base64: " + e.getMessage(), e);
        }
    }
}
