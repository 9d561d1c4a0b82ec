package org.smtpgw.mailets.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RemoveOwnReceivedTest {
    private static final String OURS = "Received: from localhost (EHLO client.example) ([127.0.0.1])\r\n"
        + "          by gw1.example (JAMES SMTP Server ) with ESMTP ID 5d0c1a2b\r\n"
        + "          for <rcpt@example.com>;\r\n"
        + "          Sat, 28 Nov 2026 15:00:00 +0000 (UTC)\r\n";
    private static final String OUTSIDE = "Received: from laptop.example (laptop.example [192.0.2.7])\r\n"
        + "\tby mx.example.org (Postfix) with ESMTPS id 4F1;\r\n"
        + "\tSat, 28 Nov 2026 14:59:58 +0000\r\n";
    private static final String REST = "From: sender@example.org\r\n"
        + "X-Custom: one\r\n"
        + "To: rcpt@example.com\r\n"
        + "Received: from inner.example ([198.51.100.1]) by relay.example.org; Sat, 28 Nov 2026 14:59:00 +0000\r\n"
        + "Subject: hello\r\n"
        + "Message-ID: <m1@example.org>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n"
        + "Body line 1\r\n"
        + "Received: this is body text, not a header\r\n";

    private static RemoveOwnReceived mailet(String hostname) throws MessagingException {
        RemoveOwnReceived mailet = new RemoveOwnReceived();
        mailet.init(FakeMailetConfig.builder().mailetName("RemoveOwnReceived")
            .setProperty(RemoveOwnReceived.HOSTNAME, hostname).build());
        return mailet;
    }

    private static Mail mail(String rfc822) throws Exception {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(rfc822.getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("mail1").sender("sender@example.org").recipient("rcpt@example.com")
            .mimeMessage(message).build();
    }

    private static String written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void serviceShouldRemoveOnlyTheGatewaysOwnReceivedHeader() throws Exception {
        Mail mail = mail(OURS + OUTSIDE + REST);

        mailet("gw1.example").service(mail);

        assertThat(written(mail)).isEqualTo(OUTSIDE + REST);
    }

    @Test
    void serviceShouldRemoveTheHeaderJamesWritesForAClientThatSentNoHelo() throws Exception {
        Mail mail = mail(OURS.replace("(EHLO client.example) ", "") + OUTSIDE + REST);

        mailet("gw1.example").service(mail);

        assertThat(written(mail)).isEqualTo(OUTSIDE + REST);
    }

    @Test
    void serviceShouldMatchTheHostnameWhateverItsCase() throws Exception {
        Mail mail = mail(OURS + OUTSIDE + REST);

        mailet("GW1.Example").service(mail);

        assertThat(written(mail)).isEqualTo(OUTSIDE + REST);
    }

    @Test
    void serviceShouldKeepTheTopmostReceivedHeaderWhenItNamesAnotherHost() throws Exception {
        Mail mail = mail(OUTSIDE + REST);

        mailet("gw1.example").service(mail);

        assertThat(written(mail)).isEqualTo(OUTSIDE + REST);
    }

    @Test
    void serviceShouldKeepAHeaderWhoseByOnlyStartsWithTheHostname() throws Exception {
        String other = OURS.replace("by gw1.example ", "by gw1.example.org ");
        Mail mail = mail(other + REST);

        mailet("gw1.example").service(mail);

        assertThat(written(mail)).isEqualTo(other + REST);
    }

    @Test
    void serviceShouldKeepAHeaderNamingTheHostThatIsNotInJamesForm() throws Exception {
        String forged = "Received: by gw1.example with local; Sat, 28 Nov 2026 14:00:00 +0000\r\n";
        Mail mail = mail(forged + REST);

        mailet("gw1.example").service(mail);

        assertThat(written(mail)).isEqualTo(forged + REST);
    }

    @Test
    void serviceShouldRemoveOnlyTheTopmostWhenTheGatewayIsNamedTwice() throws Exception {
        Mail mail = mail(OURS + OURS.replace("5d0c1a2b", "earlier1") + REST);

        mailet("gw1.example").service(mail);

        assertThat(written(mail)).isEqualTo(OURS.replace("5d0c1a2b", "earlier1") + REST);
    }

    @Test
    void serviceShouldLeaveAMessageWithoutReceivedHeaderUnchanged() throws Exception {
        String plain = REST.replace("Received: from inner.example ([198.51.100.1]) by relay.example.org;"
            + " Sat, 28 Nov 2026 14:59:00 +0000\r\n", "");
        Mail mail = mail(plain);

        mailet("gw1.example").service(mail);

        assertThat(written(mail)).isEqualTo(plain);
    }

    @Test
    void initShouldRequireTheHostname() {
        assertThatThrownBy(() -> new RemoveOwnReceived().init(FakeMailetConfig.builder()
            .mailetName("RemoveOwnReceived").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("hostname");
    }

    @Test
    void initShouldRefuseAnUnknownParameter() {
        assertThatThrownBy(() -> new RemoveOwnReceived().init(FakeMailetConfig.builder().mailetName("RemoveOwnReceived")
            .setProperty(RemoveOwnReceived.HOSTNAME, "gw1.example").setProperty("host", "x").build()))
            .isInstanceOf(MessagingException.class);
    }
}
