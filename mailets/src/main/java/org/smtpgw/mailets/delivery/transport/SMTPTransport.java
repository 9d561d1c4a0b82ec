package org.smtpgw.mailets.delivery.transport;

import javax.mail.Session;
import javax.mail.URLName;

import org.smtpgw.mailets.delivery.GatewaySmtpTransport;

/**
 * The class JavaMail creates for the gateway's deliveries: {@link GatewaySmtpTransport} under the simple name
 * {@code SMTPTransport}. The name matters: James' {@code MailDelivrerToHost} leaves 8-bit mail as it is for a server
 * that announces 8BITMIME only when the transport's class name ends with {@code .SMTPTransport}; under any other name
 * it converts every message to 7 bit (quoted-printable or base64, {@code X-MIME-Autoconverted}).
 */
public class SMTPTransport extends GatewaySmtpTransport {
    public SMTPTransport(Session session, URLName urlname) {
        super(session, urlname);
    }
}
