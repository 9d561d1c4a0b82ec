package org.smtpgw.scanner;

/**
 * Remembers objects already found clean ("iChecker", manual section 6.1.2), so identical objects are not scanned
 * again while the same signature database is in service.
 *
 * <p>Keyed by the SHA-256 of the object's content and the database version: a new database makes every earlier
 * "clean" answer stale. Implementations are thread-safe.
 *
 * <p>Callers read {@link org.smtpgw.scanner.engine.ScanEngine#databaseVersion()} <em>before</em> scanning and
 * remember a clean result under that version: a database reload during the scan then only leaves an entry of the
 * old version (never looked up again), never a "clean" filed under a database that did not scan the object.
 */
public interface ScannedObjectCache {

    /** Whether an object with this content hash was found clean with this database version. */
    boolean isKnownClean(byte[] sha256, String dbVersion);

    /** Records that an object with this content hash was found clean with this database version. */
    void rememberClean(byte[] sha256, String dbVersion);
}
