package org.smtpgw.mailets.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrerToHost;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.HostAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

/** The gateway's transport must not make James convert 8-bit mail for a server that announces 8BITMIME. */
class EightBitDeliveryTest {

    @Test
    void eightBitMailStaysEightBitForAServerAnnouncing8BitMime() throws Exception {
        try (StallingSmtpSink sink = new StallingSmtpSink(null, 0)) {
            FakeMailetConfig config = FakeMailetConfig.builder().mailetName("remote")
                .setProperty("outgoing", "outgoing").setProperty("heloName", "gw.test").build();
            // as GatewayRemoteDelivery configures RemoteDelivery: mail.smtp.class defaults to the gateway's transport
            RemoteDeliveryConfiguration configuration = new RemoteDeliveryConfiguration(new JavaMailParameters(config), null);
            MailDelivrerToHost delivrer = new MailDelivrerToHost(configuration, FakeMailContext.defaultContext());
            String raw = "From: a@example.org\r\nTo: b@example.com\r\nSubject: greetings\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGr\u00fc\u00dfe\r\n";
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
            FakeMail mail = FakeMail.builder().name("m").mimeMessage(message).sender("a@example.org")
                .recipient(new MailAddress("b@example.com")).build();

            delivrer.tryDeliveryToHost(mail, List.of(new InternetAddress("b@example.com")),
                new HostAddress("127.0.0.1", "smtp://127.0.0.1:" + sink.port()));

            assertThat(sink.messages()).hasSize(1);
            assertThat(sink.messages().get(0))
                .contains("Content-Transfer-Encoding: 8bit")
                .doesNotContain("X-MIME-Autoconverted");
        }
    }
}
