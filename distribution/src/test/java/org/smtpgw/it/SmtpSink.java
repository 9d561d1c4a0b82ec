package org.smtpgw.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.helper.SimpleMessageListenerAdapter;
import org.subethamail.smtp.server.SMTPServer;

/** A downstream SMTP server on loopback that keeps what it receives; stoppable and restartable on its port. */
public final class SmtpSink implements AutoCloseable {

    public record Received(String from, String recipient, String data) {
        /** Whether this is a notification of the given kind (admin, sender, recipients) that the gateway made. */
        public boolean isNotification(String kind) {
            return data.contains("X-Smtpgw-Notification: " + kind);
        }

        /** Whether this is a notification the gateway made. */
        public boolean isNotification() {
            return data.contains("X-Smtpgw-Notification:");
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private SMTPServer server;

    public SmtpSink(int port) {
        this.port = port;
    }

    public static SmtpSink started() {
        SmtpSink sink = new SmtpSink(FreePorts.next());
        sink.start();
        return sink;
    }

    public int port() {
        return port;
    }

    /** Starts listening; does nothing if it already does. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = new SMTPServer(new SimpleMessageListenerAdapter(new SimpleMessageListener() {
            @Override
            public boolean accept(String from, String recipient) {
                return true;
            }

            @Override
            public void deliver(String from, String recipient, InputStream data) throws IOException {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                data.transferTo(content);
                received.add(new Received(from, recipient, content.toString(StandardCharsets.UTF_8)));
            }
        }));
        server.setBindAddress(InetAddress.getLoopbackAddress());
        server.setPort(port);
        server.setHostName("sink.test");
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String recipient) {
        return received.stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).toList();
    }

    /** Everything received whose content mentions {@code text} (e.g. a test's unique subject). */
    public List<Received> mentioning(String text) {
        return received.stream().filter(r -> r.data().contains(text)).toList();
    }

    @Override
    public void close() {
        stop();
    }
}
