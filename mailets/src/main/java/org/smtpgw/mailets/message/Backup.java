package org.smtpgw.mailets.message;

import javax.inject.Inject;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public class Backup extends OriginalStoringMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(Backup.class);

    @Inject
    public Backup(MailRepositoryStore repositoryStore) {
        super(repositoryStore);
    }

    @Override
    void afterStoring(Mail mail, String url, String key) {
        LOGGER.info("{}: backup copy in {} as {}", mail.getName(), url, key);
    }

    @Override
    public String getMailetInfo() {
        return "Keeps a copy of the original of a scanned mail with one of the given statuses";
    }
}
