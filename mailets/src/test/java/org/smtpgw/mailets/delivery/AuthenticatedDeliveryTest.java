package org.smtpgw.mailets.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.URLName;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.delivery.transport.SMTPTransport;
import org.smtpgw.mailets.stats.GatewayStatistics;

/** RemoteDelivery's gateway username and password reach the server through the transport's own socket. */
@Timeout(30)
class AuthenticatedDeliveryTest {
    private final List<String> commands = new CopyOnWriteArrayList<>();

    @AfterEach
    void uninstall() {
        OutgoingConnectionsBridge.uninstall();
    }

    @Test
    void authenticatesWhenTheOutgoingModuleOwnsTheConnection() throws Exception {
        GatewayStatistics statistics = new GatewayStatistics();
        OutgoingConnectionsBridge.install(new OutgoingConnections(statistics, new GatewayTasks(statistics)));
        try (ServerSocket server = authSink()) {
            Properties properties = new Properties();
            properties.setProperty("mail.smtp.auth", "true");
            properties.setProperty("mail.smtp.class", SMTPTransport.class.getName());
            Session session = Session.getInstance(properties);
            Transport transport = session.getTransport(new URLName("smtp", "127.0.0.1", server.getLocalPort(), null, null, null));
            try {
                transport.connect("127.0.0.1", "user", "secret");
                MimeMessage message = new MimeMessage(session);
                message.setFrom("a@example.org");
                message.setRecipients(Message.RecipientType.TO, "b@example.com");
                message.setText("x");
                message.saveChanges();
                transport.sendMessage(message, new Address[] {new InternetAddress("b@example.com")});
            } finally {
                transport.close();
            }
            assertThat(commands).anyMatch(command -> command.startsWith("AUTH PLAIN"));
        }
    }

    /** A downstream server (outside the gateway) that asks for AUTH PLAIN and accepts any credentials. */
    private ServerSocket authSink() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
                out.write("220 sink\r\n");
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line);
                    String upper = line.toUpperCase(Locale.ROOT);
                    if (upper.startsWith("EHLO")) {
                        out.write("250-sink\r\n250 AUTH PLAIN\r\n");
                    } else if (upper.startsWith("AUTH")) {
                        out.write("235 2.7.0 ok\r\n");
                    } else if (upper.equals("DATA")) {
                        out.write("354 go on\r\n");
                        out.flush();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message itself is not looked at
                        }
                        out.write("250 queued\r\n");
                    } else if (upper.equals("QUIT")) {
                        out.write("221 bye\r\n");
                        out.flush();
                        return;
                    } else {
                        out.write("250 ok\r\n");
                    }
                    out.flush();
                }
            } catch (Exception e) {
                // the client went away
            }
        }, "auth-sink");
        thread.setDaemon(true);
        thread.start();
        return server;
    }
}
