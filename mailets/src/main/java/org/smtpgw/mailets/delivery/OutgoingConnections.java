package org.smtpgw.mailets.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;
import javax.mail.MessagingException;

import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.smtpgw.mailets.stats.GatewayStatistics.Level;

import com.sun.mail.util.WriteTimeoutSocket;

/**
 * Every outgoing SMTP connection of the server passes here: the sender task switch, the cache of unreachable hosts,
 * the session limits (total and per destination host) and the outgoing connection statistics. One instance per
 * server (a Guice {@link Singleton}), shared by all RemoteDelivery mailets, so {@code OutgoingSessions} limits them all
 * together.
 *
 * <p>A connection waits for a free session (it does not fail) when a limit is reached; the limits travel with each
 * request, so two RemoteDelivery mailets configured alike share the same counts. A destination is its host name as
 * RemoteDelivery names it (the route's gateway or the MX host), case-insensitive.
 */
@Singleton
public class OutgoingConnections {

    private final GatewayStatistics statistics;
    private final GatewayTasks tasks;
    private final Clock clock;
    private final Map<String, Integer> perHost = new HashMap<>();
    private int total;
    private final Map<String, Instant> unreachableUntil = new ConcurrentHashMap<>();

    @Inject
    public OutgoingConnections(GatewayStatistics statistics, GatewayTasks tasks) {
        this(statistics, tasks, Clock.systemUTC());
    }

    public OutgoingConnections(GatewayStatistics statistics, GatewayTasks tasks, Clock clock) {
        this.statistics = statistics;
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * Opens a TCP connection to {@code host:port} within the limits.
     *
     * @throws MessagingException a temporary failure (no SMTP reply code): the sender task is stopped, the host is in
     *                            the unreachable cache, or the connection failed (then it enters the cache)
     */
    public Connection open(String host, int port, OutgoingSettings settings) throws MessagingException {
        String destination = host.toLowerCase(Locale.ROOT);
        String hostPort = destination + ":" + port;
        refuseWhenSenderStopped(hostPort);
        Instant until = unreachableUntil.get(hostPort);
        if (until != null) {
            if (clock.instant().isBefore(until)) {
                statistics.increment(Counter.OUTGOING_CONNECTIONS_FAILED_TOTAL);
                statistics.increment(Counter.OUTGOING_CONNECTIONS_FAILED_THROUGH_CACHE);
                throw new MessagingException("Not connecting to SMTP host " + hostPort + ": it was unreachable, not"
                    + " tried again before " + until + " (UnreachableCacheRefreshPeriod)",
                    new ConnectException(hostPort + " in the unreachable hosts cache"));
            }
            unreachableUntil.remove(hostPort, until);
        }
        acquire(destination, settings);
        boolean handedOver = false;
        try {
            refuseWhenSenderStopped(hostPort);
            Socket socket = connect(host, port, settings, hostPort);
            statistics.increment(Counter.OUTGOING_CONNECTIONS_TOTAL);
            Connection connection = new Connection(socket, destination, statistics.hold(Level.OUTGOING_CONNECTIONS));
            handedOver = true;
            return connection;
        } finally {
            if (!handedOver) {
                release(destination);
            }
        }
    }

    private Socket connect(String host, int port, OutgoingSettings settings, String hostPort)
        throws MessagingException {
        Socket plain = new Socket();
        try {
            if (!settings.localAddress().isEmpty()) {
                plain.bind(new InetSocketAddress(InetAddress.getByName(settings.localAddress()), 0));
            }
            // the address keeps the name it was asked by: JavaMail takes the socket's host name (for STARTTLS and its
            // log) and would otherwise look the IP address up in reverse DNS for every connection
            InetAddress address = InetAddress.getByAddress(host, InetAddress.getByName(host).getAddress());
            plain.connect(new InetSocketAddress(address, port), settings.connectTimeout());
        } catch (IOException e) {
            closeQuietly(plain);
            statistics.increment(Counter.OUTGOING_CONNECTIONS_FAILED_TOTAL);
            if (!settings.unreachablePeriod().isZero()) {
                Instant now = clock.instant();
                unreachableUntil.values().removeIf(until -> !now.isBefore(until));
                unreachableUntil.put(hostPort, now.plus(settings.unreachablePeriod()));
            }
            // JavaMail's own wording, which administrators (and James' logs) know
            throw new MessagingException("Couldn't connect to host, port: " + host + ", " + port + "; timeout "
                + settings.connectTimeout(), e);
        }
        try {
            // JavaMail's own wrapper, as its SocketFetcher uses for mail.smtp.writetimeout
            return settings.writeTimeout() > 0 ? new WriteTimeoutSocket(plain, settings.writeTimeout()) : plain;
        } catch (IOException e) {
            closeQuietly(plain);
            statistics.increment(Counter.OUTGOING_CONNECTION_ERRORS);
            throw new MessagingException("Could not set up the connection to SMTP host: " + hostPort, e);
        }
    }

    private void refuseWhenSenderStopped(String hostPort) throws MessagingException {
        if (!tasks.isRunning(GatewayTasks.Task.SENDER)) {
            // an IOException inside, as for a connection failure: RemoteDelivery logs the message (at INFO), and the
            // attempt is a temporary failure (no SMTP code): the mail is retried later
            throw new MessagingException("Sender task stopped (smtpgwctl send-on starts it): not connecting to "
                + hostPort + "; the mail stays queued", new IOException("sender task stopped"));
        }
    }

    private synchronized void acquire(String destination, OutgoingSettings settings) throws MessagingException {
        try {
            while (total >= settings.outgoingSessions()
                || perHost.getOrDefault(destination, 0) >= settings.outgoingSessionsPerHost()) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("Interrupted while waiting for a free outgoing session to " + destination,
                new InterruptedIOException());
        }
        total++;
        perHost.merge(destination, 1, Integer::sum);
    }

    private synchronized void release(String destination) {
        total--;
        perHost.computeIfPresent(destination, (host, n) -> n <= 1 ? null : n - 1);
        notifyAll();
    }

    /** Open sessions now, all destinations. */
    public synchronized int openSessions() {
        return total;
    }

    /** Counts a session that failed before MAIL FROM (greeting, EHLO, STARTTLS, AUTH): a connection error. */
    void sessionFailed() {
        statistics.increment(Counter.OUTGOING_CONNECTION_ERRORS);
    }

    /** Counts a failure of an established connection (I/O error or timeout) or a refusal of the message. */
    void failed(MessagingException e) {
        SendingFailure failure = SendingFailure.of(e);
        switch (failure) {
            case CONNECTION_ERROR -> statistics.increment(Counter.OUTGOING_CONNECTION_ERRORS);
            case REFUSED_FOR_SIZE -> {
                statistics.increment(Counter.SENDINGS_REFUSED_TOTAL);
                statistics.increment(Counter.SENDINGS_REFUSED_FOR_MESSAGE_SIZE_LIMIT);
            }
            case REFUSED_FOR_8BITMIME -> {
                statistics.increment(Counter.SENDINGS_REFUSED_TOTAL);
                statistics.increment(Counter.SENDINGS_REFUSED_FOR_8BITMIME);
            }
            case REFUSED -> statistics.increment(Counter.SENDINGS_REFUSED_TOTAL);
            case NOT_A_REFUSAL -> {
                // some recipients refused, the message itself went
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the socket is abandoned
        }
    }

    /** One open outgoing session; {@link #close()} (idempotent) closes the socket and frees the session. */
    public final class Connection implements AutoCloseable {
        private final Socket socket;
        private final String destination;
        private final GatewayStatistics.LevelHold hold;
        private boolean closed;

        private Connection(Socket socket, String destination, GatewayStatistics.LevelHold hold) {
            this.socket = socket;
            this.destination = destination;
            this.hold = hold;
        }

        public Socket socket() {
            return socket;
        }

        /** The read timeout for the next reply, in milliseconds (0: none). */
        public void readTimeout(int millis) throws MessagingException {
            if (socket.isClosed()) {
                return; // JavaMail closed it after a failure; its own next step reports that
            }
            try {
                socket.setSoTimeout(millis);
            } catch (IOException e) {
                throw new MessagingException("Could not set the read timeout of the connection to " + destination, e);
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                closeQuietly(socket);
                hold.close();
                release(destination);
            }
        }
    }
}
