package org.smtpgw.mailets.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.control.GatewayTasks.Task;
import org.smtpgw.mailets.stats.GatewayStatistics;

class GatewayTasksTest {
    private final GatewayStatistics statistics = new GatewayStatistics();
    private final GatewayTasks tasks = new GatewayTasks(statistics);

    @Test
    void everyTaskRunsAtFirstAndIsReportedInTheStatistics() {
        assertThat(statistics.snapshot())
            .containsEntry("task_sender_running", 1L)
            .containsEntry("task_receiver_running", 1L)
            .containsEntry("task_antivirus_running", 1L);

        assertThat(tasks.stop(Task.SENDER)).isTrue();
        assertThat(tasks.isRunning(Task.SENDER)).isFalse();
        assertThat(statistics.snapshot()).containsEntry("task_sender_running", 0L);
    }

    @Test
    void startActionsRunOnlyWhenTheTaskStartsAgain() {
        AtomicInteger flushes = new AtomicInteger();
        tasks.whenStarted(Task.SENDER, flushes::incrementAndGet);

        assertThat(tasks.start(Task.SENDER)).isFalse();
        assertThat(flushes).hasValue(0);
        tasks.stop(Task.SENDER);
        assertThat(tasks.start(Task.SENDER)).isTrue();
        assertThat(flushes).hasValue(1);
        tasks.stop(Task.RECEIVER);
        tasks.start(Task.RECEIVER);
        assertThat(flushes).hasValue(1);
    }

    @Test
    void aFailingStartActionDoesNotKeepTheTaskStopped() {
        tasks.whenStarted(Task.SENDER, () -> {
            throw new IllegalStateException("broker stopping");
        });
        tasks.stop(Task.SENDER);

        assertThat(tasks.start(Task.SENDER)).isTrue();
        assertThat(tasks.isRunning(Task.SENDER)).isTrue();
    }
}
