package org.smtpgw.scanner;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.engine.ScanEngine;

/**
 * Calls the engine for one object: through the scanned-object cache, within the scan timeout, and turning an
 * engine bug (a runtime exception) into an {@code error} result for that object instead of an outage.
 */
final class EngineInvoker {
    private final ScanEngine engine;
    private final Duration timeout;
    private final ExecutorService executor;
    private final Optional<ScannedObjectCache> cache;

    EngineInvoker(ScanEngine engine, Duration timeout, ExecutorService executor, Optional<ScannedObjectCache> cache) {
        this.engine = engine;
        this.timeout = timeout;
        this.executor = executor;
        this.cache = cache;
    }

    EngineResult scan(byte[] content, boolean cure) throws EngineUnavailableException {
        return scan(content, cure, () -> { });
    }

    /** As {@link #scan(byte[], boolean)}; {@code cacheHit} runs when the cache answered instead of the engine. */
    EngineResult scan(byte[] content, boolean cure, Runnable cacheHit) throws EngineUnavailableException {
        byte[] sha256 = null;
        String databaseVersion = null;
        if (cache.isPresent()) {
            sha256 = sha256(content);
            databaseVersion = engine.databaseVersion();
            if (cache.get().isKnownClean(sha256, databaseVersion)) {
                cacheHit.run();
                return EngineResult.clean();
            }
        }
        EngineResult result = timeout.isZero() ? callDirectly(content, cure) : callWithTimeout(content, cure);
        if (!cure && result.status() == ObjectStatus.DISINFECTED) {
            // The engine contract forbids this; objects that cannot be cured in place must not look cured.
            result = EngineResult.infected(result.virusNames());
        }
        if (cache.isPresent() && result.status() == ObjectStatus.CLEAN) {
            cache.get().rememberClean(sha256, databaseVersion);
        }
        return result;
    }

    private EngineResult callDirectly(byte[] content, boolean cure) throws EngineUnavailableException {
        try {
            return engine.scan(content, cure);
        } catch (RuntimeException e) {
            return engineFailure(e);
        }
    }

    private EngineResult callWithTimeout(byte[] content, boolean cure) throws EngineUnavailableException {
        Future<EngineResult> call = executor.submit(() -> engine.scan(content, cure));
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return EngineResult.error("scan not finished within ScanTimeout=" + describe(timeout));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("scanning interrupted (the gateway is stopping?)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EngineUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof RuntimeException runtime) {
                return engineFailure(runtime);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return engineFailure(new IllegalStateException(cause));
        }
    }

    private EngineResult engineFailure(RuntimeException e) {
        return EngineResult.error(List.of(), "engine " + engine.name() + " failed on this object: " + e);
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
