package org.smtpgw.mailets.delivery;

import java.io.IOException;
import java.io.OutputStream;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.URLName;

import com.sun.mail.smtp.SMTPTransport;

/**
 * JavaMail's SMTP transport (the one James' RemoteDelivery uses) with the gateway's sending rules: the sender task
 * switch, the unreachable hosts cache, the outgoing session limits and statistics ({@link OutgoingConnections}), and a
 * read timeout per SMTP phase instead of JavaMail's single {@code mail.smtp.timeout}.
 *
 * <p>It opens the TCP connection itself and hands the socket to JavaMail ({@link SMTPTransport#connect(java.net.Socket)}),
 * so it owns the socket and sets its read timeout before each command: the greeting, EHLO/HELO (also STARTTLS and
 * AUTH, which follow it), MAIL FROM, RCPT TO, DATA, the end of data and QUIT each wait as long as their parameter says.
 * Writes are bounded by {@code mail.smtp.writetimeout} (JavaMail's own WriteTimeoutSocket). Only {@code smtp}, not
 * {@code smtps}, uses it.
 *
 * <p>RemoteDelivery hands every {@code mail.*} parameter to JavaMail; {@code mail.smtp.class} selects this transport
 * (registered in this jar's {@code META-INF/javamail.providers} under its own protocol name, so it never replaces
 * JavaMail's default transport elsewhere). Times in milliseconds, sessions as numbers:
 * <pre>{@code
 * <mailet match="All" class="RemoteDelivery">
 *   <outgoing>outgoing</outgoing>
 *   <connectiontimeout>60000</connectiontimeout>          <!-- TCP connect -->
 *   <timeout>300000</timeout>                              <!-- any phase not set below -->
 *   <mail.smtp.class>org.smtpgw.mailets.delivery.GatewaySmtpTransport</mail.smtp.class>
 *   <mail.smtp.writetimeout>120000</mail.smtp.writetimeout>
 *   <mail.smtpgw.outgoingSessions>20</mail.smtpgw.outgoingSessions>            <!-- all RemoteDelivery together -->
 *   <mail.smtpgw.outgoingSessionsPerHost>4</mail.smtpgw.outgoingSessionsPerHost>
 *   <mail.smtpgw.unreachableCachePeriod>1200</mail.smtpgw.unreachableCachePeriod> <!-- seconds; 0: no cache -->
 *   <mail.smtpgw.greetingTimeout>60000</mail.smtpgw.greetingTimeout>
 *   <mail.smtpgw.helloTimeout>300000</mail.smtpgw.helloTimeout>
 *   <mail.smtpgw.mailTimeout>300000</mail.smtpgw.mailTimeout>
 *   <mail.smtpgw.rcptTimeout>300000</mail.smtpgw.rcptTimeout>
 *   <mail.smtpgw.dataInitiationTimeout>120000</mail.smtpgw.dataInitiationTimeout>
 *   <mail.smtpgw.dataTerminationTimeout>600000</mail.smtpgw.dataTerminationTimeout>
 *   <mail.smtpgw.quitTimeout>300000</mail.smtpgw.quitTimeout>
 * </mailet>
 * }</pre>
 * A James server using the drop-in jar also adds
 * {@code guice.extension.module=org.smtpgw.mailets.delivery.OutgoingDeliveryModule} to
 * {@code conf/extensions.properties}: without it every delivery through this transport fails temporarily (the mail
 * stays queued) with a message saying so. JavaMail finds the transport class through the thread's context class
 * loader; if James cannot load it from {@code extensions-jars/}, put the jar on James' classpath ({@code lib/}).
 *
 * <p>Failures it adds are temporary (no SMTP reply code), so RemoteDelivery keeps the mail and retries later.
 */
public class GatewaySmtpTransport extends SMTPTransport {

    private OutgoingSettings settings;
    private OutgoingConnections connections;
    private OutgoingConnections.Connection connection;
    private boolean connectingOverOwnSocket;

    public GatewaySmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
        throws MessagingException {
        if (connectingOverOwnSocket) {
            // the inner call of connect(Socket) below: JavaMail reads the greeting and says EHLO over our socket
            return super.protocolConnect(host, port, user, password);
        }
        connections = OutgoingConnectionsBridge.installed().orElseThrow(() -> new MessagingException(
            "smtpgw outgoing connections not set up: add org.smtpgw.mailets.delivery.OutgoingDeliveryModule to"
                + " guice.extension.module in conf/extensions.properties (mail.smtp.class names "
                + getClass().getName() + ")"));
        settings = OutgoingSettings.from(session.getProperties());
        String target = host == null || host.isEmpty() ? "localhost" : host;
        int targetPort = port > 0 ? port : Integer.parseInt(session.getProperty("mail.smtp.port") == null ? "25"
            : session.getProperty("mail.smtp.port").trim());
        connection = connections.open(target, targetPort, settings);
        try {
            connection.readTimeout(settings.greetingTimeout());
            connectingOverOwnSocket = true;
            try {
                connect(connection.socket());
            } finally {
                connectingOverOwnSocket = false;
            }
            return true;
        } catch (MessagingException e) {
            connections.sessionFailed();
            closeOwnConnection();
            throw e;
        }
    }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        phase(settings == null ? 0 : settings.helloTimeout());
        return super.ehlo(domain);
    }

    @Override
    protected void helo(String domain) throws MessagingException {
        phase(settings == null ? 0 : settings.helloTimeout());
        super.helo(domain);
    }

    @Override
    protected void mailFrom() throws MessagingException {
        phase(settings.mailTimeout());
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        phase(settings.rcptTimeout());
        super.rcptTo();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        phase(settings.dataInitiationTimeout());
        return super.data();
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        phase(settings.dataTerminationTimeout());
        super.finishData();
    }

    @Override
    protected OutputStream bdat() throws MessagingException {
        phase(settings.dataInitiationTimeout());
        return super.bdat();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        phase(settings.dataTerminationTimeout());
        super.finishBdat();
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        try {
            super.sendMessage(message, addresses);
        } catch (MessagingException e) {
            if (connections != null) {
                connections.failed(e);
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() throws MessagingException {
        try {
            if (connection != null && settings != null && super.isConnected()) {
                phase(settings.quitTimeout());
            }
            super.close();
        } finally {
            closeOwnConnection();
        }
    }

    private void phase(int timeoutMillis) throws MessagingException {
        if (connection != null) {
            connection.readTimeout(timeoutMillis);
        }
    }

    private void closeOwnConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
