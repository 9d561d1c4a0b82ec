package org.smtpgw.scanner.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature database in service. A reload loads and verifies the new database completely, then swaps it in
 * atomically; scans already running keep the database they started with (they hold their own reference), so
 * nothing in flight is dropped. When the reload fails, the previous database stays in service and the failure is
 * returned to the caller (for {@code reloadbases} to report).
 *
 * <p>While a reload runs, the old and the new database are both in memory: size the heap for two.
 */
public final class DatabaseHolder {
    private static final Logger LOGGER = LoggerFactory.getLogger(DatabaseHolder.class);

    private final DatabaseLoader loader;
    private final Path directory;
    private final AtomicReference<SignatureDatabase> current = new AtomicReference<>();
    private final Object reloadLock = new Object();

    /** @param directory where {@link #reload()} loads from ({@code BasesPath}) */
    public DatabaseHolder(DatabaseLoader loader, Path directory) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The database in service, empty before the first successful load. */
    public Optional<SignatureDatabase> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Loads the database from the directory and puts it in service.
     *
     * @return the database now in service
     * @throws DatabaseException when the new database is refused; the previous one (if any) stays in service
     */
    public SignatureDatabase reload() throws DatabaseException {
        synchronized (reloadLock) {
            SignatureDatabase previous = current.get();
            SignatureDatabase loaded;
            try {
                loaded = loader.load(directory);
            } catch (DatabaseException e) {
                LOGGER.error("signature database refused, {}: {}", previous == null
                    ? "no database in service" : "keeping version " + previous.version() + " in service", e.getMessage());
                throw e;
            }
            current.set(loaded);
            LOGGER.info("signature database version {} in service ({} signatures, {} lines skipped), was {}",
                loaded.version(), loaded.counts().total(), loaded.counts().skipped(),
                previous == null ? "none" : previous.version());
            return loaded;
        }
    }
}
