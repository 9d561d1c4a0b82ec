package org.smtpgw.mailets.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which engine to scan with, as the engine parameters of a {@link Scan} mailet give it. Two mailets with equal specs
 * share one engine (and one signature database) through the {@link ScanEngineRegistry}.
 *
 * @param kind          {@code builtin} or {@code clamd}
 * @param databasePath  the signed database directory (built-in engine)
 * @param trustedKeys   the PEM public keys whose signature is accepted on the database (built-in engine)
 * @param clamdHost     clamd TCP host (clamd engine, unless {@code clamdSocket})
 * @param clamdPort     clamd TCP port
 * @param clamdSocket   clamd Unix socket path, instead of host and port
 * @param connectTimeout to open a clamd connection
 * @param readTimeout   longest clamd silence while scanning one object
 */
public record EngineSpec(String kind, Optional<Path> databasePath, List<Path> trustedKeys, String clamdHost,
                         int clamdPort, Optional<Path> clamdSocket, Duration connectTimeout, Duration readTimeout) {
    public static final String BUILTIN = "builtin";
    public static final String CLAMD = "clamd";

    public EngineSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(databasePath, "databasePath");
        trustedKeys = List.copyOf(trustedKeys);
        Objects.requireNonNull(clamdHost, "clamdHost");
        Objects.requireNonNull(clamdSocket, "clamdSocket");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** The built-in engine with this database directory and trusted keys. */
    public static EngineSpec builtin(Path databasePath, List<Path> trustedKeys) {
        return new EngineSpec(BUILTIN, Optional.of(databasePath), trustedKeys, "", 0, Optional.empty(),
            Duration.ZERO, Duration.ZERO);
    }

    /** For logs and the admin notice. */
    public String describe() {
        if (kind.equals(BUILTIN)) {
            return "built-in engine with database " + databasePath.map(Path::toString).orElse("?");
        }
        return "clamd at " + clamdSocket.map(Path::toString).orElse(clamdHost + ":" + clamdPort);
    }
}
