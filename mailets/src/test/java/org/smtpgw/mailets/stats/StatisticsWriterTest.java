package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.MutableClock;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

class StatisticsWriterTest {
    /** Every counted name of the manual's A.5 (gauges come from their owners), in the manual's order. */
    private static final List<String> A5_NAMES = List.of(
        "time_initialized",
        "time_processing",
        "mta_received_messages",
        "mta_received_bytes",
        "mta_received_recipients",
        "mta_sent_messages",
        "mta_sent_bytes",
        "mta_sent_recipients",
        "mta_incoming_connections_total",
        "mta_incoming_connections_current",
        "mta_incoming_connections_maximum",
        "mta_incoming_connection_errors",
        "mta_incoming_connections_refused_total",
        "mta_incoming_connections_refused_for_relaying",
        "mta_incoming_connections_refused_for_sessions_limit",
        "mta_incoming_connections_refused_for_sessions_per_ip_limit",
        "mta_outgoing_connections_total",
        "mta_outgoing_connections_current",
        "mta_outgoing_connections_maximum",
        "mta_outgoing_connection_errors",
        "mta_outgoing_connections_failed_total",
        "mta_outgoing_connections_failed_through_cache",
        "mta_routing_queries_total",
        "mta_dns_queries_total",
        "mta_dns_queries_through_cache",
        "mta_dns_queries_failed",
        "mta_receivings_refused_total",
        "mta_receivings_refused_for_message_size_limit",
        "mta_receivings_refused_for_session_size_limit",
        "mta_receivings_refused_for_hops_limit",
        "mta_receivings_refused_for_messages_per_session_limit",
        "mta_sendings_refused_total",
        "mta_sendings_refused_for_message_size_limit",
        "mta_sendings_refused_for_8bitmime",
        "mta_malformed_messages_received",
        "mta_dsn_messages_generated",
        "antiviral_checking_sessions_current",
        "antiviral_checking_sessions_maximum",
        "antiviral_checked_objects_total",
        "antiviral_checked_objects_through_ichecker",
        "antiviral_checked_objects_infected",
        "antiviral_checked_objects_disinfected_objects",
        "antiviral_checked_objects_suspicious_objects",
        "antiviral_checked_objects_protected_objects",
        "antiviral_checked_objects_filtered_objects",
        "antiviral_check_checked_objects_error",
        "antiviral_infected_objects",
        "antiviral_checked_messages_total",
        "antiviral_checked_messages_blocked",
        "antiviral_checked_messages_modified",
        "antiviral_notifications_generated_for_sender",
        "antiviral_notifications_generated_for_recipients",
        "antiviral_notifications_generated_for_admin");

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock();
    private final GatewayStatistics statistics = new GatewayStatistics(clock);
    private final StatisticsWriter writer = new StatisticsWriter(statistics);

    @Test
    void renderShouldGiveOneNameValueLinePerA5NameInTheManualsOrder() {
        String rendered = writer.render();

        assertThat(rendered).endsWith("\n");
        List<String> lines = rendered.lines().toList();
        assertThat(lines).allMatch(line -> line.matches("[a-z0-9_]+=-?[0-9]+"));
        assertThat(lines.stream().map(line -> line.substring(0, line.indexOf('=')))).containsExactlyElementsOf(A5_NAMES);
    }

    @Test
    void renderShouldGiveCountedValues() {
        clock.advance(Duration.ofSeconds(60));
        statistics.increment(Counter.CHECKED_MESSAGES_BLOCKED);
        statistics.add(Counter.MTA_SENT_BYTES, 1234);

        assertThat(writer.render().lines())
            .contains("time_processing=60", "antiviral_checked_messages_blocked=1", "mta_sent_bytes=1234",
                "antiviral_checked_messages_modified=0");
    }

    @Test
    void renderShouldAppendGauges() {
        statistics.registerGauge("task_sender_running", () -> 1);

        assertThat(writer.render().lines()).last().isEqualTo("task_sender_running=1");
        assertThat(writer.asMap()).containsEntry("task_sender_running", 1L);
    }

    @Test
    void writeToShouldCreateDirectoriesAndReplaceFileWholeWithoutLeavingTemporaryFiles() throws Exception {
        Path file = temp.resolve("run/stat.txt");
        writer.writeTo(file);
        statistics.increment(Counter.MTA_RECEIVED_MESSAGES);

        writer.writeTo(file);

        assertThat(Files.readString(file)).isEqualTo(writer.render()).contains("mta_received_messages=1\n");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
