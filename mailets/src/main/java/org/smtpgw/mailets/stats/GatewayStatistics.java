package org.smtpgw.mailets.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The counters of the manual's appendix A.5 that the mail flow can count, from server start. Mailets
 * ({@link CountScanResults}, {@link CountMessages}, {@link IncrementCounter}) add to them; other components add values
 * they own (queue size, connections, task states) as gauges ({@link #registerGauge}). James creates mailets through
 * Guice, which honours {@link Singleton}: one instance per server, no static state.
 *
 * <p>{@code time_initialized} is the start time in seconds since the epoch (UTC), {@code time_processing} the seconds
 * since then. The names are the manual's, including its spelling of {@code antiviral_check_checked_objects_error}, so
 * that scripts written for it keep working.
 */
@Singleton
public class GatewayStatistics {
    public static final String TIME_INITIALIZED = "time_initialized";
    public static final String TIME_PROCESSING = "time_processing";
    public static final String SESSIONS_CURRENT = "antiviral_checking_sessions_current";
    public static final String SESSIONS_MAXIMUM = "antiviral_checking_sessions_maximum";

    /** The counters, in the manual's order. */
    public enum Counter {
        MTA_RECEIVED_MESSAGES("mta_received_messages"),
        MTA_RECEIVED_BYTES("mta_received_bytes"),
        MTA_RECEIVED_RECIPIENTS("mta_received_recipients"),
        MTA_SENT_MESSAGES("mta_sent_messages"),
        MTA_SENT_BYTES("mta_sent_bytes"),
        MTA_SENT_RECIPIENTS("mta_sent_recipients"),
        CHECKED_OBJECTS_TOTAL("antiviral_checked_objects_total"),
        CHECKED_OBJECTS_INFECTED("antiviral_checked_objects_infected"),
        CHECKED_OBJECTS_DISINFECTED("antiviral_checked_objects_disinfected_objects"),
        CHECKED_OBJECTS_SUSPICIOUS("antiviral_checked_objects_suspicious_objects"),
        CHECKED_OBJECTS_PROTECTED("antiviral_checked_objects_protected_objects"),
        CHECKED_OBJECTS_FILTERED("antiviral_checked_objects_filtered_objects"),
        CHECKED_OBJECTS_ERROR("antiviral_check_checked_objects_error"),
        INFECTED_OBJECTS("antiviral_infected_objects"),
        CHECKED_MESSAGES_TOTAL("antiviral_checked_messages_total"),
        CHECKED_MESSAGES_BLOCKED("antiviral_checked_messages_blocked"),
        CHECKED_MESSAGES_MODIFIED("antiviral_checked_messages_modified"),
        NOTIFICATIONS_SENDER("antiviral_notifications_generated_for_sender"),
        NOTIFICATIONS_RECIPIENTS("antiviral_notifications_generated_for_recipients"),
        NOTIFICATIONS_ADMIN("antiviral_notifications_generated_for_admin");

        private final String statName;

        Counter(String statName) {
            this.statName = statName;
        }

        /** The name in the statistics file. */
        public String statName() {
            return statName;
        }

        public static Optional<Counter> byStatName(String name) {
            for (Counter counter : values()) {
                if (counter.statName.equals(name.trim())) {
                    return Optional.of(counter);
                }
            }
            return Optional.empty();
        }
    }

    private final Clock clock;
    private final Instant initialized;
    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
    private final AtomicLong sessionsCurrent = new AtomicLong();
    private final AtomicLong sessionsMaximum = new AtomicLong();
    private final Map<String, LongSupplier> gauges = new LinkedHashMap<>();

    @Inject
    public GatewayStatistics() {
        this(Clock.systemUTC());
    }

    public GatewayStatistics(Clock clock) {
        this.clock = clock;
        this.initialized = clock.instant();
        for (Counter counter : Counter.values()) {
            counters.put(counter, new LongAdder());
        }
    }

    public void increment(Counter counter) {
        counters.get(counter).increment();
    }

    public void add(Counter counter, long amount) {
        counters.get(counter).add(amount);
    }

    public long get(Counter counter) {
        return counters.get(counter).sum();
    }

    /**
     * Marks the start of an anti-virus scanning session; closing the result ends it. Counts
     * {@value #SESSIONS_CURRENT} and {@value #SESSIONS_MAXIMUM}.
     */
    public ScanSession scanSession() {
        long current = sessionsCurrent.incrementAndGet();
        sessionsMaximum.accumulateAndGet(current, Math::max);
        return new ScanSession(sessionsCurrent);
    }

    /** An open scanning session; {@link #close()} is idempotent. */
    public static final class ScanSession implements AutoCloseable {
        private final AtomicLong current;
        private boolean closed;

        private ScanSession(AtomicLong current) {
            this.current = current;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                current.decrementAndGet();
            }
        }
    }

    /**
     * Adds a value owned by another component (e.g. {@code mta_stored_messages_current}, {@code task_sender_running})
     * to the output, after the counters. A later registration under the same name replaces the earlier one.
     *
     * @throws IllegalArgumentException when the name is one of the counters or is not a plain {@code [a-z0-9_]+} name
     */
    public synchronized void registerGauge(String name, LongSupplier value) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("statistics name '" + name + "' must be lower case letters, digits and _");
        }
        if (Counter.byStatName(name).isPresent() || name.equals(TIME_INITIALIZED) || name.equals(TIME_PROCESSING)
            || name.equals(SESSIONS_CURRENT) || name.equals(SESSIONS_MAXIMUM)) {
            throw new IllegalArgumentException("statistics name '" + name + "' is counted here already");
        }
        gauges.put(name, value);
    }

    /** Every value, by name, in the manual's order, gauges last. */
    public synchronized Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        Instant now = clock.instant();
        values.put(TIME_INITIALIZED, initialized.getEpochSecond());
        values.put(TIME_PROCESSING, Duration.between(initialized, now).toSeconds());
        for (Counter counter : Counter.values()) {
            if (counter == Counter.CHECKED_OBJECTS_TOTAL) {
                values.put(SESSIONS_CURRENT, sessionsCurrent.get());
                values.put(SESSIONS_MAXIMUM, sessionsMaximum.get());
            }
            values.put(counter.statName(), get(counter));
        }
        gauges.forEach((name, gauge) -> values.put(name, gauge.getAsLong()));
        return values;
    }
}
