package org.smtpgw.mailets.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.Multipart;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.Scanned;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;
import org.smtpgw.mailets.objects.ActOnObjects;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.builtin.EicarVariant;

class QuarantineTest {
    private static final String URL = "memory://var/smtpgw/quarantine/";

    @TempDir
    Path temp;

    private Scanned scanned;
    private InMemoryRepositoryStore store;

    @BeforeEach
    void setUp() throws Exception {
        scanned = Scanned.with(temp);
        store = new InMemoryRepositoryStore();
    }

    private Quarantine quarantine(String statuses) throws MessagingException {
        Quarantine mailet = new Quarantine(store);
        mailet.init(FakeMailetConfig.builder().mailetName("Quarantine").mailetContext(FakeMailContext.defaultContext())
            .setProperty(Quarantine.STATUSES, statuses)
            .setProperty(Quarantine.REPOSITORY_URL, URL)
            .build());
        return mailet;
    }

    private MailRepository repository() {
        return store.select(MailRepositoryUrl.from(URL));
    }

    private static String suspiciousMail() {
        return TestMessages.multipart("susp", "body", List.of(
            new Attachment("susp.com", "application/octet-stream", TestMessages.variant(EicarVariant.SUSPICIOUS_UNKNOWN))));
    }

    @Test
    void serviceShouldStoreAndGhostMailWithWantedStatus() throws Exception {
        Mail mail = scanned.mail(suspiciousMail());

        quarantine("suspicious").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(repository().size()).isEqualTo(1);
        MailKey key = repository().list().next();
        Mail stored = repository().retrieve(key);
        assertThat(stored.getRecipients()).containsExactlyInAnyOrder(
            new MailAddress("rcpt@example.com"), new MailAddress("other@example.com"));
        assertThat(stored.getMaybeSender().asString()).isEqualTo("sender@example.org");
        assertThat(VerdictAttributes.statuses(stored)).isNotEmpty();
    }

    @Test
    void serviceShouldLeaveMailWithoutWantedStatusAlone() throws Exception {
        Mail mail = scanned.mail(suspiciousMail());

        quarantine("infected").service(mail);

        assertThat(mail.getState()).isEqualTo("group-policy");
        assertThat(repository().size()).isZero();
    }

    @Test
    void emptyStatusesShouldNeverQuarantine() throws Exception {
        Mail mail = scanned.mail(suspiciousMail());

        quarantine("").service(mail);

        assertThat(repository().size()).isZero();
    }

    @Test
    void serviceShouldStoreTheOriginalMessageAfterActOnObjectsChangedIt() throws Exception {
        Mail mail = scanned.mail(suspiciousMail());
        ActOnObjects act = new ActOnObjects();
        act.init(FakeMailetConfig.builder().mailetName("ActOnObjects").setProperty(ActOnObjects.HOSTNAME, "gw1.example").setProperty(ActOnObjects.ACTION_SUSPICIOUS, "remove").build());
        act.service(mail);

        quarantine("suspicious").service(mail);

        Mail stored = repository().retrieve(repository().list().next());
        Multipart parts = (Multipart) stored.getMessage().getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes())
            .isEqualTo(EicarVariant.SUSPICIOUS_UNKNOWN.testFile());
        assertThat(stored.getAttribute(VerdictAttributes.ORIGINAL)).isEmpty();
        assertThat(((Multipart) mail.getMessage().getContent()).getCount()).as("the delivered copy was changed").isEqualTo(1);
    }

    @Test
    void initShouldRequireRepositoryUrl() {
        Quarantine mailet = new Quarantine(store);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("Quarantine")
            .setProperty(Quarantine.STATUSES, "all").build()))
            .isInstanceOf(MailetException.class).hasMessageContaining("repositoryUrl");
    }

    @Test
    void initShouldRequireStatuses() {
        Quarantine mailet = new Quarantine(store);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("Quarantine")
            .setProperty(Quarantine.REPOSITORY_URL, URL).build()))
            .isInstanceOf(MailetException.class).hasMessageContaining("statuses");
    }

    @Test
    void initShouldRefuseUrlWithoutProtocol() {
        Quarantine mailet = new Quarantine(store);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("Quarantine")
            .setProperty(Quarantine.STATUSES, "all").setProperty(Quarantine.REPOSITORY_URL, "/var/quarantine").build()))
            .isInstanceOf(MailetException.class).hasMessageContaining("/var/quarantine");
    }

    @Test
    void initShouldRefuseUnknownStatus() {
        assertThatThrownBy(() -> quarantine("suspect")).isInstanceOf(MailetException.class)
            .hasMessageContaining("'suspect'").hasMessageContaining("statuses");
    }
}
