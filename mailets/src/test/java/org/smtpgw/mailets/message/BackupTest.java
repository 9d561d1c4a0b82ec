package org.smtpgw.mailets.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.Scanned;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;

class BackupTest {
    private static final String URL = "memory://var/smtpgw/backup/";

    @TempDir
    Path temp;

    private Scanned scanned;
    private InMemoryRepositoryStore store;

    @BeforeEach
    void setUp() throws Exception {
        scanned = Scanned.with(temp);
        store = new InMemoryRepositoryStore();
    }

    private Backup backup(String statuses) throws MessagingException {
        Backup mailet = new Backup(store);
        mailet.init(FakeMailetConfig.builder().mailetName("Backup").mailetContext(FakeMailContext.defaultContext())
            .setProperty(Backup.STATUSES, statuses)
            .setProperty(Backup.REPOSITORY_URL, URL)
            .build());
        return mailet;
    }

    private MailRepository repository() {
        return store.select(MailRepositoryUrl.from(URL));
    }

    @Test
    void serviceShouldStoreACopyAndLetTheMailGoOn() throws Exception {
        Mail mail = scanned.mail(TestMessages.multipart("x", "body", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar()))));

        backup("infected,suspicious").service(mail);

        assertThat(mail.getState()).isEqualTo("group-policy");
        assertThat(repository().size()).isEqualTo(1);
        Mail stored = repository().retrieve(repository().list().next());
        assertThat(stored.getMessage().getMessageID()).isEqualTo("<test-1@example.org>");
    }

    @Test
    void serviceShouldNotStoreCleanMailForAll() throws Exception {
        Mail mail = scanned.mail(TestMessages.plain("clean", "nothing"));

        backup("all").service(mail);

        assertThat(repository().size()).isZero();
    }
}
