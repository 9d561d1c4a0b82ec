package org.smtpgw.scanner.db;

/** The fixed names inside a signature database directory. */
public final class DatabaseLayout {
    /** The manifest: version, release time, signature files and their SHA-256. */
    public static final String MANIFEST_FILE = "manifest";
    /** The detached Ed25519 signature over the manifest's bytes, base64 on one line. */
    public static final String SIGNATURE_FILE = "manifest.sig";

    private DatabaseLayout() {
    }
}
