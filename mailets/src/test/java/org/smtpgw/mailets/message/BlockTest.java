package org.smtpgw.mailets.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.Scanned;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.builtin.EicarVariant;

class BlockTest {
    @TempDir
    Path temp;

    private Scanned scanned;

    @BeforeEach
    void setUp() throws Exception {
        scanned = Scanned.with(temp);
    }

    private static Block block(String statuses) throws MessagingException {
        Block block = new Block();
        block.init(FakeMailetConfig.builder().mailetName("Block").setProperty(Block.STATUSES, statuses).build());
        return block;
    }

    private static String mailWith(EicarVariant variant) {
        return TestMessages.multipart("x", "body", List.of(
            new Attachment("file.com", "application/octet-stream", variant.testFile())));
    }

    @Test
    void serviceShouldGhostMailWithBlockedStatus() throws Exception {
        Mail mail = scanned.mail(mailWith(EicarVariant.STANDARD));

        block("infected,suspicious").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void serviceShouldLetOtherStatusesThrough() throws Exception {
        Mail mail = scanned.mail(mailWith(EicarVariant.CORRUPTED));

        block("infected,suspicious").service(mail);

        assertThat(mail.getState()).isEqualTo("group-policy");
    }

    @Test
    void allShouldBlockErrorButNotClean() throws Exception {
        Mail error = scanned.mail(mailWith(EicarVariant.SCAN_ERROR));
        Mail clean = scanned.mail(TestMessages.plain("x", "clean"));

        block("all").service(error);
        block("all").service(clean);

        assertThat(error.getState()).isEqualTo(Mail.GHOST);
        assertThat(clean.getState()).isEqualTo("group-policy");
    }

    @Test
    void emptyStatusesShouldNeverBlock() throws Exception {
        Mail mail = scanned.mail(mailWith(EicarVariant.STANDARD));

        block("").service(mail);

        assertThat(mail.getState()).isEqualTo("group-policy");
    }

    @Test
    void serviceShouldLeaveUnscannedMailAlone() throws Exception {
        Mail mail = FakeMail.builder().name("m").state("x").mimeMessage(TestMessages.parse(TestMessages.plain("a", "b"))).build();

        block("all").service(mail);

        assertThat(mail.getState()).isEqualTo("x");
    }

    @Test
    void initShouldParseStatusesInAnyCase() throws Exception {
        assertThat(block(" Infected , ERROR").statuses()).containsExactlyInAnyOrder(ObjectStatus.INFECTED, ObjectStatus.ERROR);
    }

    @Test
    void initShouldRequireStatuses() {
        Block block = new Block();

        assertThatThrownBy(() -> block.init(FakeMailetConfig.builder().mailetName("Block").build()))
            .isInstanceOf(MailetException.class).hasMessageContaining("statuses").hasMessageContaining("required");
    }

    @Test
    void initShouldRefuseUnknownStatus() {
        assertThatThrownBy(() -> block("infected,virus")).isInstanceOf(MailetException.class)
            .hasMessageContaining("'virus'");
    }
}
