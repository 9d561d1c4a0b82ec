package org.smtpgw.scanner.engine;

import java.io.Closeable;

/**
 * Scans the bytes of one object, already decoded and unpacked: MIME decomposition and archive unpacking
 * happen before an engine is called, so every engine sees the same leaf objects.
 *
 * <p>Implementations are thread-safe: one engine serves every scanning thread.
 */
public interface ScanEngine extends Closeable {

    /**
     * @param content the object's bytes
     * @param cure    whether to try disinfection ({@code Cure} in {@code [smtpgw.ave]}); when false an engine
     *                never returns {@link org.smtpgw.scanner.ObjectStatus#DISINFECTED}
     * @throws EngineUnavailableException when the engine cannot scan at all; never for a problem of the object
     */
    EngineResult scan(byte[] content, boolean cure) throws EngineUnavailableException;

    /** A short name for logs and headers, such as {@code built-in} or {@code clamd}. */
    String name();

    /**
     * The version of the signature database in service; it is part of the key of the scanned-object cache,
     * so a new database makes earlier "clean" results stale.
     */
    String databaseVersion();
}
