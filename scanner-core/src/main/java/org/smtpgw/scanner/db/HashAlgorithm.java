package org.smtpgw.scanner.db;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The digests of ClamAV hash signatures, told apart by the length of the hex string. */
public enum HashAlgorithm {
    MD5("MD5", 16),
    SHA1("SHA-1", 20),
    SHA256("SHA-256", 32);

    private final String jdkName;
    private final int length;

    HashAlgorithm(String jdkName, int length) {
        this.jdkName = jdkName;
        this.length = length;
    }

    /** Digest length in bytes. */
    public int length() {
        return length;
    }

    public byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance(jdkName).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " is required of every JDK", e);
        }
    }

    /** The algorithm whose hex digest has this many characters. */
    public static Optional<HashAlgorithm> forHexLength(int hexLength) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.length * 2 == hexLength) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
