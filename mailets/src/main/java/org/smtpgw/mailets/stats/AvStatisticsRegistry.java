package org.smtpgw.mailets.stats;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.smtpgw.mailets.eventlog.FileLineSink;
import org.smtpgw.mailets.eventlog.LineSink;

/**
 * The {@code AVStatistics} outputs of the server, one per target: every {@link WriteAvStatistics} naming the same
 * file or socket shares one writer (and one connection and sending thread for a socket). The first mailet to name a
 * socket sets its queue size and timeouts. A Guice {@link Singleton}; nothing static.
 */
@Singleton
public class AvStatisticsRegistry implements AutoCloseable {
    /** How a socket sender is set up. */
    public record SocketSettings(int queueSize, Duration connectTimeout, Duration retryInterval) {
    }

    private final Map<AvStatisticsTarget, LineSink> sinks = new ConcurrentHashMap<>();

    @Inject
    public AvStatisticsRegistry() {
    }

    public LineSink sink(AvStatisticsTarget target, SocketSettings settings) {
        return sinks.computeIfAbsent(target, t -> {
            if (t instanceof AvStatisticsTarget.Socket socket) {
                return new SocketLineSender(socket.host(), socket.port(), settings.queueSize(),
                    settings.connectTimeout(), settings.retryInterval()).start();
            }
            return new FileLineSink(((AvStatisticsTarget.File) t).path());
        });
    }

    @Override
    public void close() throws java.io.IOException {
        for (LineSink sink : sinks.values()) {
            sink.close();
        }
        sinks.clear();
    }
}
