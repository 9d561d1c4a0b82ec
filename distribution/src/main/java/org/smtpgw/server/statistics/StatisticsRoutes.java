package org.smtpgw.server.statistics;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.StatisticsWriter;

import spark.Service;

/**
 * {@code GET /smtpgw/statistics}: the values of the manual's appendix A.5 as one JSON object, name to number, in the
 * order of the statistics file ({@code StatFilename}), e.g.
 * {@code {"time_initialized":1795870800,"time_processing":42,"mta_received_messages":3,...}}. The same values
 * {@code smtpgwctl stats} writes as {@code name=value} lines; see docs/statistics.md.
 */
public class StatisticsRoutes implements Routes {
    public static final String BASE_PATH = "/smtpgw/statistics";

    private final StatisticsWriter writer;
    private final JsonTransformer json;

    @Inject
    public StatisticsRoutes(GatewayStatistics statistics, JsonTransformer json) {
        this.writer = new StatisticsWriter(statistics);
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> writer.asMap(), json);
    }
}
