package org.smtpgw.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMatcher;
import org.smtpgw.matchers.verdict.Statuses;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;

/**
 * Matches a scanned mail (all its recipients) when at least one of its objects has one of the statuses of the
 * condition, as left by the {@code Scan} mailet in the attribute {@value VerdictAttributes#STATUSES_NAME}. A mail
 * that was not scanned never matches.
 *
 * <p>Condition: a comma-separated list of {@code infected}, {@code disinfected}, {@code suspicious},
 * {@code protected}, {@code error}, {@code filtered} (any case), or {@code clean}, or {@code all}, which stands
 * for every status except {@code clean} (the manual's {@code STATUSES} values of {@code BlockMessage},
 * {@code NotifyAdmin}, ...). A message-level action for "no status" is simply left out of the configuration.
 *
 * <pre>{@code
 * <mailet match="org.smtpgw.matchers.HasStatus=infected,suspicious" class="org.smtpgw.mailets.message.Block"/>
 * <mailet match="org.smtpgw.matchers.HasStatus=all" class="org.smtpgw.mailets.notify.Notify">
 *   ...
 * </mailet>
 * }</pre>
 *
 * <p>An empty condition or an unknown status stops the server at start, naming the value and the allowed ones.
 */
public class HasStatus extends GenericMatcher {
    static final String ALLOWED = Statuses.ALLOWED;

    private Set<ObjectStatus> wanted;

    @Override
    public void init() throws MessagingException {
        wanted = parse(getCondition());
    }

    static Set<ObjectStatus> parse(String condition) throws MailetException {
        if (condition == null || condition.isBlank()) {
            throw new MailetException("HasStatus needs a condition: " + ALLOWED + ", e.g. HasStatus=infected,suspicious");
        }
        try {
            return Statuses.parse(condition, false);
        } catch (IllegalArgumentException e) {
            throw new MailetException("HasStatus=" + condition + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Set<ObjectStatus> found = VerdictAttributes.statuses(mail);
        return Statuses.anyOf(found, wanted) ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches scanned mails with an object of one of the given statuses";
    }
}
