package org.smtpgw.mailets.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

    /**
     * The counters, in the manual's order. The manual's copy lost some names in its table; those marked "named here"
     * follow the pattern of their neighbours (docs/statistics.md lists them).
     */
    public enum Counter {
        MTA_RECEIVED_MESSAGES("mta_received_messages"),
        MTA_RECEIVED_BYTES("mta_received_bytes"),
        MTA_RECEIVED_RECIPIENTS("mta_received_recipients"),
        MTA_SENT_MESSAGES("mta_sent_messages"),
        MTA_SENT_BYTES("mta_sent_bytes"),
        MTA_SENT_RECIPIENTS("mta_sent_recipients"),
        INCOMING_CONNECTIONS_TOTAL("mta_incoming_connections_total"),
        INCOMING_CONNECTION_ERRORS("mta_incoming_connection_errors"),
        INCOMING_CONNECTIONS_REFUSED_TOTAL("mta_incoming_connections_refused_total"),
        INCOMING_CONNECTIONS_REFUSED_FOR_RELAYING("mta_incoming_connections_refused_for_relaying"),
        /** Named here. */
        INCOMING_CONNECTIONS_REFUSED_FOR_SESSIONS_LIMIT("mta_incoming_connections_refused_for_sessions_limit"),
        /** Named here. */
        INCOMING_CONNECTIONS_REFUSED_FOR_SESSIONS_PER_IP_LIMIT("mta_incoming_connections_refused_for_sessions_per_ip_limit"),
        /** Named here. */
        OUTGOING_CONNECTIONS_TOTAL("mta_outgoing_connections_total"),
        OUTGOING_CONNECTION_ERRORS("mta_outgoing_connection_errors"),
        OUTGOING_CONNECTIONS_FAILED_TOTAL("mta_outgoing_connections_failed_total"),
        OUTGOING_CONNECTIONS_FAILED_THROUGH_CACHE("mta_outgoing_connections_failed_through_cache"),
        ROUTING_QUERIES_TOTAL("mta_routing_queries_total"),
        DNS_QUERIES_TOTAL("mta_dns_queries_total"),
        DNS_QUERIES_THROUGH_CACHE("mta_dns_queries_through_cache"),
        DNS_QUERIES_FAILED("mta_dns_queries_failed"),
        RECEIVINGS_REFUSED_TOTAL("mta_receivings_refused_total"),
        RECEIVINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT("mta_receivings_refused_for_message_size_limit"),
        RECEIVINGS_REFUSED_FOR_SESSION_SIZE_LIMIT("mta_receivings_refused_for_session_size_limit"),
        /** Named here. */
        RECEIVINGS_REFUSED_FOR_HOPS_LIMIT("mta_receivings_refused_for_hops_limit"),
        /** Named here. */
        RECEIVINGS_REFUSED_FOR_MESSAGES_PER_SESSION_LIMIT("mta_receivings_refused_for_messages_per_session_limit"),
        /** Named here. */
        SENDINGS_REFUSED_TOTAL("mta_sendings_refused_total"),
        /** Named here. */
        SENDINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT("mta_sendings_refused_for_message_size_limit"),
        /** Named here. */
        SENDINGS_REFUSED_FOR_8BITMIME("mta_sendings_refused_for_8bitmime"),
        /** Named here. */
        MALFORMED_MESSAGES_RECEIVED("mta_malformed_messages_received"),
        /** Named here. */
        DSN_MESSAGES_GENERATED("mta_dsn_messages_generated"),
        CHECKED_OBJECTS_TOTAL("antiviral_checked_objects_total"),
        CHECKED_OBJECTS_THROUGH_ICHECKER("antiviral_checked_objects_through_ichecker"),
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

    /**
     * Values that go up and down (connections, scanning sessions), each reported as {@code PREFIX_current} and
     * {@code PREFIX_maximum} just before the counter {@code before} in the output.
     */
    public enum Level {
        INCOMING_CONNECTIONS("mta_incoming_connections", Counter.INCOMING_CONNECTION_ERRORS),
        OUTGOING_CONNECTIONS("mta_outgoing_connections", Counter.OUTGOING_CONNECTION_ERRORS),
        ANTIVIRAL_SESSIONS("antiviral_checking_sessions", Counter.CHECKED_OBJECTS_TOTAL);

        private final String prefix;
        private final Counter before;

        Level(String prefix, Counter before) {
            this.prefix = prefix;
            this.before = before;
        }

        public String currentName() {
            return prefix + "_current";
        }

        public String maximumName() {
            return prefix + "_maximum";
        }
    }

    private final Clock clock;
    private final Instant initialized;
    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
    private final Map<Level, AtomicLong> currents = new EnumMap<>(Level.class);
    private final Map<Level, AtomicLong> maximums = new EnumMap<>(Level.class);
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
        for (Level level : Level.values()) {
            currents.put(level, new AtomicLong());
            maximums.put(level, new AtomicLong());
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
    public LevelHold scanSession() {
        return hold(Level.ANTIVIRAL_SESSIONS);
    }

    /** Raises {@code level} by one (and its maximum if passed); closing the result lowers it again. */
    public LevelHold hold(Level level) {
        AtomicLong current = currents.get(level);
        long now = current.incrementAndGet();
        maximums.get(level).accumulateAndGet(now, Math::max);
        return new LevelHold(current);
    }

    public long current(Level level) {
        return currents.get(level).get();
    }

    public long maximum(Level level) {
        return maximums.get(level).get();
    }

    /** One unit of a {@link Level} (an open connection, a running scan); {@link #close()} is idempotent. */
    public static final class LevelHold implements AutoCloseable {
        private final AtomicLong current;
        private boolean closed;

        private LevelHold(AtomicLong current) {
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
            || Arrays.stream(Level.values())
                .anyMatch(level -> name.equals(level.currentName()) || name.equals(level.maximumName()))) {
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
            for (Level level : Level.values()) {
                if (level.before == counter) {
                    values.put(level.currentName(), current(level));
                    values.put(level.maximumName(), maximum(level));
                }
            }
            values.put(counter.statName(), get(counter));
        }
        gauges.forEach((name, gauge) -> values.put(name, gauge.getAsLong()));
        return values;
    }
}
