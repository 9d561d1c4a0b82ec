package org.smtpgw.mailets.control;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.stats.GatewayStatistics;

/**
 * Whether each of the gateway's three tasks runs: the receiver (SMTP sessions are accepted), the sender (mail is
 * delivered onward) and the anti-virus task (mail is scanned). An administrator stops and starts them with
 * {@code smtpgwctl recv-off}, {@code send-on}, {@code avir-off}, ...; all start running. A stopped task loses no mail:
 * a stopped receiver answers new sessions with a temporary refusal, a stopped sender leaves mail in the queue, a
 * stopped anti-virus task makes mail wait unscanned in the queue (fail closed).
 *
 * <p>A Guice {@link Singleton}: SMTP hooks, mailets and the control channel share one instance per server. The
 * states are reported as {@code task_sender_running}, {@code task_receiver_running} and {@code task_antivirus_running}.
 */
@Singleton
public class GatewayTasks {

    /** The tasks, named as in the statistics. */
    public enum Task {
        SENDER("sender"),
        RECEIVER("receiver"),
        ANTIVIRUS("antivirus");

        private final String taskName;

        Task(String taskName) {
            this.taskName = taskName;
        }

        public String taskName() {
            return taskName;
        }

        public String statName() {
            return "task_" + taskName + "_running";
        }

        public static Optional<Task> byName(String name) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (Task task : values()) {
                if (task.taskName.equals(wanted)) {
                    return Optional.of(task);
                }
            }
            return Optional.empty();
        }
    }

    private final Map<Task, AtomicBoolean> running = new EnumMap<>(Task.class);
    private final Map<Task, List<Runnable>> onStart = new EnumMap<>(Task.class);

    @Inject
    public GatewayTasks(GatewayStatistics statistics) {
        for (Task task : Task.values()) {
            AtomicBoolean state = new AtomicBoolean(true);
            running.put(task, state);
            onStart.put(task, new CopyOnWriteArrayList<>());
            statistics.registerGauge(task.statName(), () -> state.get() ? 1 : 0);
        }
    }

    public boolean isRunning(Task task) {
        return running.get(task).get();
    }

    /** @return whether the state changed; when it did, the actions of {@link #whenStarted} have run */
    public boolean start(Task task) {
        boolean changed = running.get(task).compareAndSet(false, true);
        if (changed) {
            for (Runnable action : onStart.get(task)) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the task runs again whatever a follow-up action does; the action's owner logs its own failure
                    LoggerFactory.getLogger(GatewayTasks.class).warn("after starting {}: {}", task.taskName(), e.toString());
                }
            }
        }
        return changed;
    }

    /** Runs {@code action} each time {@code task} starts again after a stop (e.g. retry queued mail at once). */
    public void whenStarted(Task task, Runnable action) {
        onStart.get(task).add(action);
    }

    /** @return whether the state changed */
    public boolean stop(Task task) {
        return running.get(task).compareAndSet(true, false);
    }
}
