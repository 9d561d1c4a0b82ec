package org.smtpgw.server.statistics;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * The server side of the gateway statistics: the WebAdmin route {@code GET /smtpgw/statistics} (registered like
 * James' own routes, in the multibound {@code Set<Routes>}) and the {@code mta_stored_messages_current} gauge over
 * the server's mail queues, registered at start. The counters themselves live in the mailets' Guice singleton
 * {@link org.smtpgw.mailets.stats.GatewayStatistics}, the same instance the mailets and SMTP hooks count into.
 */
public class StatisticsModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(StatisticsRoutes.class);
    }

    @ProvidesIntoSet
    InitializationOperation registerStoredMessagesGauge(StoredMessagesGauge gauge) {
        return InitilizationOperationBuilder.forClass(StoredMessagesGauge.class).init(gauge::register);
    }
}
