package org.smtpgw.mailets.message;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.common.MailetParameters;

/**
 * Keeps a copy of the original, unmodified message of a scanned mail that has an object of one of the given statuses
 * ({@code BackupStatus}) in a James mail repository ({@code BackupPath}); delivery goes on.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.message.Backup">
 *   <statuses>infected,disinfected</statuses>        <!-- STATUSES, or all; empty = never; required -->
 *   <repositoryUrl>file://var/smtpgw/backup/</repositoryUrl> <!-- required -->
 * </mailet>
 * }</pre>
 *
 * <p>The original is the message as received: place {@code Backup} before {@code ActOnObjects}, or after it with
 * {@code keepOriginal} on (the default). Copies can be listed, read and re-sent with WebAdmin's
 * {@code /mailRepositories} routes, like quarantined mail (see {@code Quarantine}).
 */
public class Backup extends GenericMailet {
    public static final String STATUSES = OriginalStore.STATUSES;
    public static final String REPOSITORY_URL = OriginalStore.REPOSITORY_URL;
    private static final Logger LOGGER = LoggerFactory.getLogger(Backup.class);

    private final MailRepositoryStore repositoryStore;
    private OriginalStore store;

    @Inject
    public Backup(MailRepositoryStore repositoryStore) {
        this.repositoryStore = repositoryStore;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(OriginalStore.PARAMETERS);
        store = OriginalStore.create(new MailetParameters(getMailetConfig()), repositoryStore);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!store.wants(mail)) {
            return;
        }
        String key = store.store(mail);
        LOGGER.info("{}: backup copy in {} as {}", mail.getName(), store.url().asString(), key);
    }

    @Override
    public String getMailetInfo() {
        return "Keeps a copy of the original of a scanned mail with one of the given statuses";
    }
}
