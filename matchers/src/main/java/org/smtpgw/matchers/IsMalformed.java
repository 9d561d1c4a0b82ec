package org.smtpgw.matchers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.matchers.malformed.Finding;
import org.smtpgw.matchers.malformed.MalformedMailChecker;
import org.smtpgw.matchers.malformed.MalformedRule;
import org.smtpgw.matchers.malformed.MalformedRules;

/**
 * Matches a mail (all its recipients) whose message breaks the mail RFCs in one of the ways the condition names
 * (the rules of {@link MalformedRule}; docs/mailets.md, "Malformed mail", describes each), and records why in the
 * mail attribute {@value #ATTRIBUTE_NAME} (a string: {@code rule: detail; rule: detail}), so that the mailets
 * after it match on that attribute instead of checking the message again. The reasons are also logged (INFO).
 *
 * <p>Condition: {@code all}, or a comma-separated list of {@code line-endings}, {@code nul}, {@code line-length},
 * {@code header-syntax}, {@code header-8bit}, {@code required-headers}, {@code mime-structure},
 * {@code transfer-encoding}, {@code nesting}; {@code nesting:N} sets the nesting limit (default 20).
 *
 * <pre>{@code
 * <!-- DropMalformedMail: count, then keep malformed mail out of delivery -->
 * <mailet match="org.smtpgw.matchers.IsMalformed=all" class="org.smtpgw.mailets.stats.IncrementCounter">
 *   <counter>mta_malformed_messages_received</counter>
 * </mailet>
 * <mailet match="HasMailAttribute=smtpgwMalformed" class="ToRepository">
 *   <repositoryPath>file://var/mail/malformed/</repositoryPath>
 *   <passThrough>false</passThrough>
 * </mailet>
 * <!-- only some rules, deeper nesting allowed -->
 * <mailet match="org.smtpgw.matchers.IsMalformed=header-syntax,mime-structure,nesting:50" class="..."/>
 * }</pre>
 *
 * <p>The message is checked as it is when the matcher runs: place it first in {@code root}, before any mailet that
 * changes the message (James writes a changed message anew, in standard form). Mail the gateway makes itself (DSNs)
 * should not be checked: the generated configuration wraps it in James' composite matcher {@code And} behind
 * {@code notmatch="HasMailAttribute=smtpgwGeneratedDsn"}. An empty condition or an unknown rule stops the server at
 * start, naming the allowed ones.
 */
public class IsMalformed extends GenericMatcher {
    public static final String ATTRIBUTE_NAME = "smtpgwMalformed";
    public static final AttributeName ATTRIBUTE = AttributeName.of(ATTRIBUTE_NAME);
    private static final Logger LOGGER = LoggerFactory.getLogger(IsMalformed.class);

    private MalformedMailChecker checker;

    @Override
    public void init() throws MessagingException {
        checker = new MalformedMailChecker(parse(getCondition()));
    }

    static MalformedRules parse(String condition) throws MailetException {
        try {
            return MalformedRules.parse(condition);
        } catch (IllegalArgumentException e) {
            throw new MailetException("IsMalformed=" + (condition == null ? "" : condition) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        List<Finding> findings;
        // James' stream reads the message as received (its spooled source) without copying it into memory; a
        // message a mailet changed is written out first, as writeTo would
        try (InputStream in = new BufferedInputStream(new MimeMessageInputStream(mail.getMessage()))) {
            findings = checker.check(in);
        } catch (IOException e) {
            throw new MessagingException("IsMalformed: cannot read message " + mail.getName() + ": " + e.getMessage(), e);
        }
        if (findings.isEmpty()) {
            return List.of();
        }
        String reasons = findings.stream().map(Finding::toString).collect(Collectors.joining("; "));
        mail.setAttribute(new Attribute(ATTRIBUTE, AttributeValue.of(reasons)));
        LOGGER.info("{}: malformed message from {}: {}", mail.getName(),
            mail.getMaybeSender().asString(), reasons);
        return mail.getRecipients();
    }

    /** The reasons {@link #match} recorded on the mail, if it matched. */
    public static Optional<String> reasons(Mail mail) {
        return mail.getAttribute(ATTRIBUTE).map(a -> a.getValue().value()).map(String::valueOf);
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mails whose message breaks the mail RFCs and records why";
    }
}
