package org.smtpgw.mailets.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.Scanned;
import org.smtpgw.mailets.av.TestDatabase;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;

class VirusHeadersTest {
    private static final String FORGED = "X-Virus-Scanned: fake\r\nX-Virus-Status: clean\r\nMIME-Version: 1.0\r\n";

    @TempDir
    Path temp;

    private Scanned scanned;

    @BeforeEach
    void setUp() throws Exception {
        scanned = Scanned.with(temp);
    }

    private static VirusHeaders mailet() throws MessagingException {
        VirusHeaders mailet = new VirusHeaders();
        mailet.init(FakeMailetConfig.builder().mailetName("VirusHeaders")
            .setProperty(VirusHeaders.VERSION, "1.2.3").setProperty(VirusHeaders.HOSTNAME, "gw1.example").build());
        return mailet;
    }

    @Test
    void serviceShouldAddScannedAndStatusHeaders() throws Exception {
        Mail mail = scanned.mail(TestMessages.multipart("x", "body", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar()))));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(VirusHeaders.SCANNED_HEADER))
            .containsExactly("smtpgw 1.2.3 (built-in " + TestDatabase.VERSION + ") on gw1.example");
        assertThat(mail.getMessage().getHeader(VirusHeaders.STATUS_HEADER))
            .containsExactly("infected, clean; names=\"EICAR-Test-File\"");
    }

    @Test
    void serviceShouldReplaceHeadersThatCameFromOutside() throws Exception {
        Mail mail = scanned.mail(TestMessages.multipart("x", "body", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar())))
            .replace("MIME-Version: 1.0\r\n", FORGED));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(VirusHeaders.SCANNED_HEADER)).hasSize(1).doesNotContain("fake");
        assertThat(mail.getMessage().getHeader(VirusHeaders.STATUS_HEADER)).hasSize(1).allMatch(v -> v.startsWith("infected"));
    }

    @Test
    void cleanMailShouldBeMarkedClean() throws Exception {
        Mail mail = scanned.mail(TestMessages.plain("x", "fine"));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(VirusHeaders.STATUS_HEADER)).containsExactly("clean");
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<plain-1@example.org>");
    }

    @Test
    void unscannedMailShouldLoseForgedHeadersAndGetNone() throws Exception {
        Mail mail = FakeMail.builder().name("m")
            .mimeMessage(TestMessages.parse(TestMessages.plain("x", "y").replace("MIME-Version: 1.0\r\n", FORGED))).build();

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader(VirusHeaders.SCANNED_HEADER)).isNull();
        assertThat(mail.getMessage().getHeader(VirusHeaders.STATUS_HEADER)).isNull();
    }

    @Test
    void initShouldRefuseUnknownParameter() {
        VirusHeaders mailet = new VirusHeaders();

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("VirusHeaders")
            .setProperty("host", "x").build())).isInstanceOf(MessagingException.class).hasMessageContaining("host");
    }
}
