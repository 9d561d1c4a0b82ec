package org.smtpgw.mailets.message;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.matchers.verdict.Statuses;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

/**
 * What {@link Quarantine} and {@link Backup} share: the parameters {@code statuses} and {@code repositoryUrl}, and
 * storing a copy of the mail with its original, unmodified message in a James mail repository.
 */
final class OriginalStore {
    static final String STATUSES = "statuses";
    static final String REPOSITORY_URL = "repositoryUrl";
    static final Set<String> PARAMETERS = Set.of(STATUSES, REPOSITORY_URL);

    private final Set<ObjectStatus> statuses;
    private final MailRepositoryUrl url;
    private final MailRepository repository;

    private OriginalStore(Set<ObjectStatus> statuses, MailRepositoryUrl url, MailRepository repository) {
        this.statuses = statuses;
        this.url = url;
        this.repository = repository;
    }

    static OriginalStore create(MailetParameters parameters, MailRepositoryStore store) throws MessagingException {
        Set<ObjectStatus> statuses = parameters.statuses(STATUSES, true);
        String text = parameters.required(REPOSITORY_URL, "a James mail repository URL such as"
            + " file://var/smtpgw/quarantine/ (the protocols mailrepositorystore.xml declares)");
        MailRepositoryUrl url;
        try {
            url = MailRepositoryUrl.from(text);
        } catch (RuntimeException e) {
            throw parameters.error(REPOSITORY_URL, "<" + REPOSITORY_URL + ">" + text + "</" + REPOSITORY_URL
                + "> is not a mail repository URL (protocol://path/): " + e.getMessage());
        }
        try {
            return new OriginalStore(statuses, url, store.select(url));
        } catch (MailRepositoryStore.MailRepositoryStoreException | RuntimeException e) {
            throw parameters.error(REPOSITORY_URL, "<" + REPOSITORY_URL + ">" + text + "</" + REPOSITORY_URL
                + ">: the repository cannot be opened: " + e.getMessage());
        }
    }

    boolean wants(Mail mail) {
        return Statuses.anyOf(VerdictAttributes.statuses(mail), statuses);
    }

    Set<ObjectStatus> statuses() {
        return statuses;
    }

    MailRepositoryUrl url() {
        return url;
    }

    /** Stores a copy of the mail whose message is the original one (before ActOnObjects changed it). */
    String store(Mail mail) throws MessagingException {
        Mail copy = mail.duplicate();
        Optional<byte[]> original = VerdictAttributes.original(mail);
        if (original.isPresent()) {
            copy.setMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(original.get())));
            // The original is now the message itself; keeping it also as an attribute would store it twice.
            copy.removeAttribute(VerdictAttributes.ORIGINAL);
        }
        try {
            return repository.store(copy).asString();
        } catch (RuntimeException e) {
            throw new MailetException("cannot store " + mail.getName() + " in " + url.asString() + ": " + e.getMessage(), e);
        }
    }
}
