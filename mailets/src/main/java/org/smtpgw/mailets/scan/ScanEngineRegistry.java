package org.smtpgw.mailets.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.scanner.builtin.BuiltinEngine;
import org.smtpgw.scanner.cache.ICheckerCache;
import org.smtpgw.scanner.clamd.ClamdConfig;
import org.smtpgw.scanner.clamd.ClamdEngine;
import org.smtpgw.scanner.db.DatabaseException;
import org.smtpgw.scanner.db.DatabaseHolder;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.TrustedKeys;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.engine.ScanEngine;

/**
 * The engines of the server, one per {@link EngineSpec}: every {@link Scan} mailet (one per group) with the same
 * engine parameters gets the same engine, so all groups share one signature database in memory and one set of
 * clamd connections. James creates mailets through Guice, which honours {@link Singleton}; nothing needs binding.
 *
 * <p>It also remembers, per engine, whether an outage is going on, so that the administrator is told once per outage
 * rather than once per waiting mail.
 *
 * <p>A built-in engine whose database could not be loaded (missing, or its signature refused) does not stop the
 * server: the engine is unavailable, mail waits in the queue, and the load is tried again at most every
 * {@link #RELOAD_RETRY} while mail keeps coming back.
 */
@Singleton
public class ScanEngineRegistry {
    static final Duration RELOAD_RETRY = Duration.ofSeconds(30);
    static final Duration CACHE_FLUSH_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(ScanEngineRegistry.class);

    private final Map<EngineSpec, Entry> entries = new ConcurrentHashMap<>();
    private final Map<CacheKey, ICheckerCache> caches = new ConcurrentHashMap<>();
    private final Map<EngineSpec, Sessions> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextFlush = Instant.MIN;

    @Inject
    public ScanEngineRegistry() {
        this(Clock.systemUTC());
    }

    public ScanEngineRegistry(Clock clock) {
        this.clock = clock;
    }

    /**
     * The engine for this spec, created on first use.
     *
     * @throws IllegalArgumentException when a built-in engine's key files cannot be read
     */
    public ScanEngine engine(EngineSpec spec) {
        return entries.computeIfAbsent(spec, this::create).engine;
    }

    /**
     * The scanned-object cache ({@code UseIChecker}) of this engine: kept in {@code file} when given (give each engine
     * its own file), in memory otherwise.
     */
    public ICheckerCache cache(EngineSpec spec, Optional<Path> file) {
        return caches.computeIfAbsent(new CacheKey(spec, file), key -> file
            .map(path -> ICheckerCache.open(path, ICheckerCache.DEFAULT_MAX_ENTRIES))
            .orElseGet(() -> ICheckerCache.inMemory(ICheckerCache.DEFAULT_MAX_ENTRIES)));
    }

    /** Writes the caches kept in files, at most once per {@link #CACHE_FLUSH_INTERVAL} unless {@code now}. */
    public void flushCaches(boolean now) {
        Instant instant = clock.instant();
        if (!now && instant.isBefore(nextFlush)) {
            return;
        }
        nextFlush = instant.plus(CACHE_FLUSH_INTERVAL);
        caches.values().forEach(cache -> {
            try {
                cache.flush();
            } catch (IOException e) {
                LOGGER.warn("cannot write the scanned-object cache: {}", e.getMessage());
            }
        });
    }

    /**
     * The limit on messages scanned at once with this engine ({@code AntiviralSessions}), shared by all groups.
     *
     * @throws IllegalArgumentException when another mailet set a different limit for the same engine
     */
    public Semaphore sessions(EngineSpec spec, int permits) {
        Sessions existing = sessions.computeIfAbsent(spec, any -> new Sessions(permits, new Semaphore(permits, true)));
        if (existing.permits() != permits) {
            throw new IllegalArgumentException("another Scan mailet with the same engine allows " + existing.permits()
                + " sessions, this one " + permits + "; give them all the same value");
        }
        return existing.semaphore();
    }

    /** Reloads the database of every built-in engine (for {@code reloadbases}); a refused database keeps the old one. */
    public void reloadDatabases() {
        reloadDatabasesReporting();
    }

    /**
     * Like {@link #reloadDatabases()}, and says what went wrong: one message per built-in engine whose new database
     * was refused (it keeps the one in service); empty when every reload succeeded.
     */
    public List<String> reloadDatabasesReporting() {
        List<String> refused = new ArrayList<>();
        entries.forEach((spec, entry) -> {
            if (entry.holder != null) {
                try {
                    entry.holder.reload();
                } catch (DatabaseException e) {
                    LOGGER.warn("reload refused: {}", e.getMessage());
                    refused.add(spec.describe() + ": " + e.getMessage());
                }
            }
        });
        return refused;
    }

    /** Records that the engine failed; true only for the first failure of an outage. */
    public boolean outageStarted(EngineSpec spec) {
        Entry entry = entries.get(spec);
        return entry != null && entry.outage.compareAndSet(false, true);
    }

    /** Records that the engine scanned; true only for the first success after an outage. */
    public boolean outageEnded(EngineSpec spec) {
        Entry entry = entries.get(spec);
        return entry != null && entry.outage.compareAndSet(true, false);
    }

    private Entry create(EngineSpec spec) {
        if (spec.kind().equals(EngineSpec.CLAMD)) {
            ClamdConfig.Builder config = ClamdConfig.builder()
                .connectTimeout(spec.connectTimeout())
                .readTimeout(spec.readTimeout());
            spec.clamdSocket().ifPresentOrElse(config::unixSocket, () -> config.tcp(spec.clamdHost(), spec.clamdPort()));
            LOGGER.info("scan engine: {}", spec.describe());
            return new Entry(ClamdEngine.create(config.build()), null);
        }
        TrustedKeys keys;
        try {
            keys = TrustedKeys.fromFiles(spec.trustedKeys());
        } catch (DatabaseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        DatabaseHolder holder = new DatabaseHolder(new DatabaseLoader(keys), spec.databasePath().orElseThrow());
        LOGGER.info("scan engine: {}", spec.describe());
        LoadingBuiltinEngine engine = new LoadingBuiltinEngine(holder, clock);
        engine.tryLoad();
        return new Entry(engine, holder);
    }

    private record CacheKey(EngineSpec spec, Optional<Path> file) {
    }

    private record Sessions(int permits, Semaphore semaphore) {
    }

    private static final class Entry {
        final ScanEngine engine;
        final DatabaseHolder holder;
        final AtomicBoolean outage = new AtomicBoolean();

        Entry(ScanEngine engine, DatabaseHolder holder) {
            this.engine = engine;
            this.holder = holder;
        }
    }

    /** The built-in engine, loading its database on first use and retrying a failed load now and then. */
    private static final class LoadingBuiltinEngine implements ScanEngine {
        private final DatabaseHolder holder;
        private final BuiltinEngine engine;
        private final Clock clock;
        private volatile Instant nextAttempt = Instant.MIN;

        LoadingBuiltinEngine(DatabaseHolder holder, Clock clock) {
            this.holder = holder;
            this.engine = new BuiltinEngine(holder);
            this.clock = clock;
        }

        @Override
        public EngineResult scan(byte[] content, boolean cure) throws EngineUnavailableException {
            if (holder.current().isEmpty()) {
                tryLoad();
            }
            return engine.scan(content, cure);
        }

        private synchronized void tryLoad() {
            Instant now = clock.instant();
            if (holder.current().isPresent() || now.isBefore(nextAttempt)) {
                return;
            }
            nextAttempt = now.plus(RELOAD_RETRY);
            try {
                holder.reload();
            } catch (DatabaseException e) {
                // DatabaseHolder logged it; mail waits (EngineUnavailableException from the engine).
            }
        }

        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public String databaseVersion() {
            return engine.databaseVersion();
        }

        @Override
        public void close() throws IOException {
            engine.close();
        }
    }
}
