package org.smtpgw.server.statistics;

import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.stats.GatewayStatistics;

/**
 * {@code mta_stored_messages_current} (manual A.5, "number of queued messages"): the mails in all of the server's
 * mail queues at the moment it is read, the spool (received, not yet processed, or waiting for the anti-virus
 * engine) and every outgoing queue (waiting for delivery or a retry). A mail being processed by the mailet container
 * at that moment is not in a queue. Registered as a gauge of {@link GatewayStatistics} by the bundled server, so the
 * mailets need no queue of their own.
 */
public class StoredMessagesGauge implements Startable {
    public static final String NAME = "mta_stored_messages_current";

    private static final Logger LOGGER = LoggerFactory.getLogger(StoredMessagesGauge.class);

    private final GatewayStatistics statistics;
    private final MailQueueFactory<? extends ManageableMailQueue> queues;

    @Inject
    public StoredMessagesGauge(GatewayStatistics statistics, MailQueueFactory<? extends ManageableMailQueue> queues) {
        this.statistics = statistics;
        this.queues = queues;
    }

    public void register() {
        statistics.registerGauge(NAME, this::storedMessages);
    }

    /** A queue that cannot be counted (the broker is stopping) adds nothing and is logged. */
    long storedMessages() {
        long total = 0;
        for (MailQueueName name : queues.listCreatedMailQueues()) {
            try {
                total += queues.getQueue(name).map(this::size).orElse(0L);
            } catch (RuntimeException e) {
                LOGGER.warn("{}: cannot count the mails in queue {}: {}", NAME, name.asString(), e.toString());
            }
        }
        return total;
    }

    private long size(ManageableMailQueue queue) {
        try {
            return queue.getSize();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
