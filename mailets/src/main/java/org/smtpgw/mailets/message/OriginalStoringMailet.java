package org.smtpgw.mailets.message;

import javax.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.smtpgw.mailets.common.MailetParameters;

/**
 * The common part of {@link Quarantine} and {@link Backup}: both read {@code statuses} and {@code repositoryUrl},
 * store the original of a matching mail, and differ only in what happens to the mail afterwards.
 */
abstract class OriginalStoringMailet extends GenericMailet {
    public static final String STATUSES = OriginalStore.STATUSES;
    public static final String REPOSITORY_URL = OriginalStore.REPOSITORY_URL;

    private final MailRepositoryStore repositoryStore;
    private OriginalStore store;

    OriginalStoringMailet(MailRepositoryStore repositoryStore) {
        this.repositoryStore = repositoryStore;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(OriginalStore.PARAMETERS);
        store = OriginalStore.create(new MailetParameters(getMailetConfig()), repositoryStore);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (store.wants(mail)) {
            afterStoring(mail, store.url().asString(), store.store(mail));
        }
    }

    /** Called once the original of {@code mail} is stored under {@code key} in the repository {@code url}. */
    abstract void afterStoring(Mail mail, String url, String key);
}
