package org.smtpgw.mailets.smtp;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Remembers for a while which names or addresses DNS could not resolve, so that a client retrying every few
 * seconds does not cost a DNS round trip each time (the manual's {@code UnresolvedCacheRefreshPeriod}).
 * Only negative answers are kept: positive ones are cached by the DNS service itself, with their TTL.
 *
 * <p>Bounded in size so that a flood of distinct unresolved clients cannot exhaust memory; when full, the oldest
 * entries go first (it is a cache: forgetting one only costs a lookup).
 */
final class NegativeAnswerCache<K> {
    static final long MAXIMUM_ENTRIES = 100_000;
    /** The handler parameter that sets how long a negative answer is kept ({@code UnresolvedCacheRefreshPeriod}). */
    static final String CACHE_SECONDS_PARAMETER = "cacheSeconds";
    static final int DEFAULT_CACHE_SECONDS = 1200;
    static final int MAX_CACHE_SECONDS = 604_800;

    /** A cache with the default lifetime, for a handler not yet configured. */
    static <K> NegativeAnswerCache<K> withDefaultLifetime(Clock clock) {
        return new NegativeAnswerCache<>(Duration.ofSeconds(DEFAULT_CACHE_SECONDS), clock);
    }

    /** A cache whose lifetime is the handler's {@code cacheSeconds}; the handler takes no other parameter. */
    static <K> NegativeAnswerCache<K> configured(String handlerName, Configuration config, Clock clock)
        throws ConfigurationException {
        HandlerParameters parameters = HandlerParameters.of(handlerName, config, Set.of(CACHE_SECONDS_PARAMETER));
        int seconds = parameters.intInRange(CACHE_SECONDS_PARAMETER, DEFAULT_CACHE_SECONDS, 0, MAX_CACHE_SECONDS);
        return new NegativeAnswerCache<>(Duration.ofSeconds(seconds), clock);
    }

    private final Cache<K, Boolean> entries;

    NegativeAnswerCache(Duration lifetime, Clock clock) {
        this.entries = CacheBuilder.newBuilder()
            .expireAfterWrite(lifetime)
            .maximumSize(MAXIMUM_ENTRIES)
            .ticker(new ClockTicker(clock))
            .build();
    }

    boolean isKnownUnresolved(K key) {
        return entries.getIfPresent(key) != null;
    }

    void rememberUnresolved(K key) {
        entries.put(key, Boolean.TRUE);
    }

    private static final class ClockTicker extends Ticker {
        private final Clock clock;
        // Ticker values only need to be comparable; counting from construction keeps nanoseconds far from overflow.
        private final long originMillis;

        ClockTicker(Clock clock) {
            this.clock = clock;
            this.originMillis = clock.millis();
        }

        @Override
        public long read() {
            return (clock.millis() - originMillis) * 1_000_000L;
        }
    }
}
