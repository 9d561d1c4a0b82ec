package org.smtpgw.it.av;

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

/** The downstream mail server (outside the system under test): keeps every message it receives. */
final class Sink implements AutoCloseable {

    record Received(String from, String recipient, String data) {
        boolean isNotification(String kind) {
            return data.contains("X-Smtpgw-Notification: " + kind);
        }

        boolean isNotification() {
            return data.contains("X-Smtpgw-Notification:");
        }
    }

    private final int port = AvGateway.freePort();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final SMTPServer server;

    Sink() {
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

    int port() {
        return port;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** What {@code recipient} received: the message itself and notifications to it. */
    List<Received> to(String recipient) {
        return received.stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).toList();
    }

    /** Everything received whose content mentions {@code text} (e.g. a test's unique subject). */
    List<Received> mentioning(String text) {
        return received.stream().filter(r -> r.data().contains(text)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
