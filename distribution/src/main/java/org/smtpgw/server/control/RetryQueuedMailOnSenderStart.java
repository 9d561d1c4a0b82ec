package org.smtpgw.server.control;

import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.control.GatewayTasks.Task;

/**
 * {@code send-on}: mail that waited while the sender was stopped leaves at once. Each delivery attempt made while the
 * sender was stopped failed temporarily and put the mail back in its outgoing queue with a retry delay that can be
 * hours; when the sender starts again, every outgoing queue is flushed (its delayed mail made due now), as the
 * WebAdmin call {@code PATCH /mailQueues/NAME?delayed=true} does. The spool is left alone: it is not delivery.
 */
public class RetryQueuedMailOnSenderStart implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetryQueuedMailOnSenderStart.class);

    private final GatewayTasks tasks;
    private final MailQueueFactory<? extends ManageableMailQueue> queues;

    @Inject
    public RetryQueuedMailOnSenderStart(GatewayTasks tasks, MailQueueFactory<? extends ManageableMailQueue> queues) {
        this.tasks = tasks;
        this.queues = queues;
    }

    public void register() {
        tasks.whenStarted(Task.SENDER, this::flushOutgoingQueues);
    }

    void flushOutgoingQueues() {
        for (MailQueueName name : queues.listCreatedMailQueues()) {
            if (name.equals(MailQueueFactory.SPOOL)) {
                continue;
            }
            queues.getQueue(name).ifPresent(queue -> flush(name, queue));
        }
    }

    private static void flush(MailQueueName name, ManageableMailQueue queue) {
        try {
            queue.flush();
            LOGGER.info("sender started: queued mail of {} is retried now", name.asString());
        } catch (Exception e) {
            LOGGER.warn("sender started, but queue {} could not be flushed (its mail leaves at its next retry): {}",
                name.asString(), e.toString());
        }
    }
}
