package org.smtpgw.mailets.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.ToIntFunction;

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
 * Writes are bounded by JavaMail's WriteTimeoutSocket. Only {@code smtp}, not {@code smtps}, goes through it.
 *
 * <p>{@link GatewayRemoteDelivery} selects it ({@code mail.smtp.class}; this jar's {@code META-INF/javamail.providers}
 * lists it, under a protocol name of its own, because JavaMail only accepts a listed class there) and passes its
 * settings as {@code mail.smtpgw.*} parameters; its Javadoc shows them all. It applies the gateway's rules only when
 * {@link OutgoingDeliveryModule} is installed; without it, it behaves exactly as JavaMail's SMTPTransport.
 * JavaMail reads {@code META-INF/javamail.providers} through the thread's context class loader: if a James server
 * using the drop-in jar does not find the class from {@code extensions-jars/}, put the jar on James' classpath.
 *
 * <p>Failures it adds are temporary (no SMTP reply code), so RemoteDelivery keeps the mail and retries later.
 */
public class GatewaySmtpTransport extends SMTPTransport {

    private OutgoingSettings settings;
    private OutgoingConnections connections;
    private OutgoingConnections.Connection connection;
    private boolean connectingOverOwnSocket;
    private String user;
    private String password;

    public GatewaySmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
        throws MessagingException {
        if (connectingOverOwnSocket) {
            // the inner call of connect(Socket) below: JavaMail reads the greeting and says EHLO over our socket;
            // Service.connect() lost the caller's credentials on the way (it only knows the URL's), so pass them again
            return super.protocolConnect(host, port, this.user, this.password);
        }
        Optional<OutgoingConnections> installed = OutgoingConnectionsBridge.installed();
        if (installed.isEmpty()) {
            return super.protocolConnect(host, port, user, password);
        }
        connections = installed.get();
        this.user = user;
        this.password = password;
        settings = OutgoingSettings.from(session.getProperties());
        String target = host == null || host.isEmpty() ? "localhost" : host;
        int targetPort = port > 0 ? port : defaultPort();
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

    /** JavaMail's rule: {@code mail.smtp.port}, else 25. */
    private int defaultPort() throws MessagingException {
        String configured = session.getProperty("mail.smtp.port");
        try {
            return configured == null || configured.isBlank() ? 25 : Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new MessagingException("mail.smtp.port='" + configured + "': must be a port number");
        }
    }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        phase(OutgoingSettings::helloTimeout);
        return super.ehlo(domain);
    }

    @Override
    protected void helo(String domain) throws MessagingException {
        phase(OutgoingSettings::helloTimeout);
        super.helo(domain);
    }

    @Override
    protected void mailFrom() throws MessagingException {
        phase(OutgoingSettings::mailTimeout);
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        phase(OutgoingSettings::rcptTimeout);
        super.rcptTo();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        phase(OutgoingSettings::dataInitiationTimeout);
        return super.data();
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        phase(OutgoingSettings::dataTerminationTimeout);
        super.finishData();
    }

    @Override
    protected OutputStream bdat() throws MessagingException {
        phase(OutgoingSettings::dataInitiationTimeout);
        return super.bdat();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        phase(OutgoingSettings::dataTerminationTimeout);
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
            // not isConnected(): JavaMail's sends a NOOP
            phase(OutgoingSettings::quitTimeout);
            super.close();
        } finally {
            closeOwnConnection();
        }
    }

    /** Sets the read timeout of the next reply; nothing when JavaMail made the socket (no OutgoingDeliveryModule). */
    private void phase(ToIntFunction<OutgoingSettings> timeout) throws MessagingException {
        if (connection != null) {
            connection.readTimeout(timeout.applyAsInt(settings));
        }
    }

    private void closeOwnConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
