package org.smtpgw.server.control;

import java.io.IOException;
import java.nio.file.Files;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.control.ControlActions;
import org.smtpgw.mailets.control.ControlFilePoller;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.scan.ScanEngineRegistry;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.StatisticsWriter;

/**
 * Runs the {@link ControlFilePoller} over {@code ControlPath} while the server runs, with the server's own task
 * states, statistics and scan engines (the Guice singletons the mailets and SMTP hooks use).
 */
public class ControlFileService implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ControlFileService.class);
    private final ControlFilePoller poller;

    @Inject
    public ControlFileService(ControlSettings settings, GatewayTasks tasks, GatewayStatistics statistics,
                              ScanEngineRegistry engines) {
        this.poller = new ControlFilePoller(settings.controlPath(), new ControlActions(tasks,
            new StatisticsWriter(statistics), settings.statFile(), engines::reloadDatabasesReporting));
    }

    public void start() {
        try {
            // Like var/run: a missing ControlPath is made rather than leaving the management files unusable.
            Files.createDirectories(poller.directory());
        } catch (IOException e) {
            LOGGER.warn("cannot create ControlPath {}: {}", poller.directory(), e.toString());
        }
        poller.start(ControlFilePoller.DEFAULT_INTERVAL);
    }

    @PreDestroy
    public void stop() {
        poller.close();
    }
}
