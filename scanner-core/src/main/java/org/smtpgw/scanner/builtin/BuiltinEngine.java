package org.smtpgw.scanner.builtin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.db.DatabaseHolder;
import org.smtpgw.scanner.db.SignatureDatabase;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.engine.ScanEngine;

/**
 * The engine built into smtpgw: the EICAR test file and its variants ({@link EicarVariant}), then the signatures
 * of the signed database in service ({@link DatabaseHolder}).
 *
 * <ul>
 *   <li>A signature match gives {@code infected} with the names of all matching signatures; the built-in engine
 *       knows no cure for database signatures, so with cure on they stay {@code infected}.</li>
 *   <li>Without a database in service every scan throws {@link EngineUnavailableException}, also for the test
 *       file: the gateway must not look as if it worked without its database.</li>
 *   <li>Each scan takes the database once and uses it to the end, so a reload never changes a scan half-way.</li>
 * </ul>
 * Thread-safe: it holds no state of its own.
 */
public final class BuiltinEngine implements ScanEngine {
    public static final String NAME = "built-in";
    /** {@link #databaseVersion()} while no database is in service. */
    public static final String NO_DATABASE = "none";

    private final Supplier<Optional<SignatureDatabase>> database;

    public BuiltinEngine(DatabaseHolder holder) {
        this(holder::current);
    }

    private BuiltinEngine(Supplier<Optional<SignatureDatabase>> database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** An engine always using this one database (for tools and tests). */
    public static BuiltinEngine of(SignatureDatabase database) {
        Objects.requireNonNull(database, "database");
        return new BuiltinEngine(() -> Optional.of(database));
    }

    @Override
    public EngineResult scan(byte[] content, boolean cure) throws EngineUnavailableException {
        SignatureDatabase db = database.get().orElseThrow(() -> new EngineUnavailableException(
            "the built-in engine has no signature database in service (none loaded yet, or every load was refused)"));
        Optional<EicarVariant> eicar = EicarVariant.detect(content);
        if (eicar.isPresent()) {
            return eicar.get().result(cure);
        }
        List<String> names = db.match(content);
        if (names.isEmpty()) {
            return EngineResult.clean();
        }
        return cure
            ? new EngineResult(ObjectStatus.INFECTED, names, Optional.empty(),
                Optional.of("the built-in engine cannot disinfect objects matching database signatures"))
            : EngineResult.infected(names);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String databaseVersion() {
        return database.get().map(SignatureDatabase::version).orElse(NO_DATABASE);
    }

    @Override
    public void close() {
        // Nothing to release: the database belongs to its holder.
    }
}
