package org.smtpgw.scanner.db;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The public keys whose signature on a database manifest is accepted. A database signed by any one of them loads;
 * more than one key lets a vendor roll its key over.
 */
public record TrustedKeys(List<PublicKey> keys) {

    public TrustedKeys {
        keys = List.copyOf(keys);
    }

    public static TrustedKeys of(PublicKey... keys) {
        return new TrustedKeys(List.of(keys));
    }

    /** Reads PEM public key files; the first unreadable file stops with its name. */
    public static TrustedKeys fromFiles(List<Path> files) throws DatabaseException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            keys.add(Ed25519Keys.readPublicKey(file));
        }
        return new TrustedKeys(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Fingerprints of all keys, for messages. */
    public String describe() {
        return keys.stream().map(Ed25519Keys::fingerprint).collect(Collectors.joining(", ", "[", "]"));
    }
}
