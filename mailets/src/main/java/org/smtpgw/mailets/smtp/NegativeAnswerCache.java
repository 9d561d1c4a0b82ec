package org.smtpgw.mailets.smtp;

import java.time.Clock;
import java.time.Duration;

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
