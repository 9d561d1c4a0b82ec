package org.smtpgw.mailets.message;

import javax.inject.Inject;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolates a scanned mail that has an object of one of the given statuses ({@code QuarantineStatus}): the original,
 * unmodified message is stored in a James mail repository ({@code QuarantinePath}) and the mail is not delivered to
 * its recipients (this group's). Place it after {@code Notify}, so that notifications still go out.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.message.Quarantine">
 *   <statuses>suspicious</statuses>                      <!-- STATUSES, or all; empty = never; required -->
 *   <repositoryUrl>file://var/smtpgw/quarantine/</repositoryUrl> <!-- required -->
 * </mailet>
 * }</pre>
 *
 * <p>The stored mail keeps its envelope (sender, this group's recipients) and the scan attributes, so an
 * administrator can list and read quarantined mail with WebAdmin's {@code /mailRepositories} routes and release one
 * to its recipients by reprocessing it into the {@code transport} processor:
 * {@code curl -XPATCH 'http://127.0.0.1:8000/mailRepositories/var%2Fsmtpgw%2Fquarantine%2F/mails/KEY?action=reprocess&processor=transport'}
 * (the repository's path, URL-encoded, without the protocol; the mail goes back to the spool queue and from there to
 * {@code transport}, so it is not scanned, blocked or quarantined again).
 * With {@code ActOnObjects} placed before this mailet and {@code keepOriginal} on, the original is what it kept.
 */
public class Quarantine extends OriginalStoringMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(Quarantine.class);

    @Inject
    public Quarantine(MailRepositoryStore repositoryStore) {
        super(repositoryStore);
    }

    @Override
    void afterStoring(Mail mail, String url, String key) {
        LOGGER.info("{}: QUARANTINED in {} as {}, nrcpt={}", mail.getName(), url, key, mail.getRecipients().size());
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Stores the original of a scanned mail with one of the given statuses and stops its delivery";
    }
}
