package org.smtpgw.mailets.message;

import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.common.MailetParameters;
import org.smtpgw.matchers.verdict.Statuses;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

/**
 * Stops delivery of a scanned mail to its recipients (this group's, once the groups have split the mail) when any
 * of its objects has one of the given statuses ({@code BlockMessage}). The mail is ghosted and a {@code BLOCKED} line
 * per recipient is logged. Place it last before delivery, after {@code Notify}, so that notifications still go out.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.message.Block">
 *   <statuses>infected,suspicious</statuses>  <!-- STATUSES, or all; empty = never; required -->
 * </mailet>
 * }</pre>
 *
 * <p>A mail that was not scanned is not blocked by this mailet (nothing is known about it); {@code Scan} never lets
 * a mail go on unscanned.
 */
public class Block extends GenericMailet {
    public static final String STATUSES = "statuses";
    private static final Logger LOGGER = LoggerFactory.getLogger(Block.class);

    private Set<ObjectStatus> statuses;

    @Inject
    public Block() {
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(STATUSES));
        statuses = new MailetParameters(getMailetConfig()).statuses(STATUSES, true);
    }

    Set<ObjectStatus> statuses() {
        return statuses;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Set<ObjectStatus> found = VerdictAttributes.statuses(mail);
        if (!Statuses.anyOf(found, statuses)) {
            return;
        }
        long size = mail.getMessageSize();
        for (MailAddress recipient : mail.getRecipients()) {
            LOGGER.info("{}: BLOCKED, rcpt={}, size={}", mail.getName(), recipient.asString(), size);
        }
        LOGGER.debug("{}: blocked for statuses {}", mail.getName(),
            found.stream().map(ObjectStatus::configName).collect(Collectors.joining(",")));
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Blocks scanned mails with an object of one of the given statuses";
    }
}
