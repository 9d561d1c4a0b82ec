package org.smtpgw.matchers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMatcher;
import org.smtpgw.matchers.mask.InvalidMaskException;
import org.smtpgw.matchers.mask.MailAddressMask;

/**
 * Matches the recipients that, together with the mail's envelope sender, belong to a sender/recipient group
 * ({@code [smtpgw.group:NAME]} with its {@code Senders} and {@code Recipients}): the pair (sender, recipient) belongs
 * when the sender matches one of the sender masks <em>and</em> the recipient matches one of the recipient masks.
 *
 * <p>Condition: {@code SENDER_MASKS;RECIPIENT_MASKS}, each a comma-separated list of {@link MailAddressMask}s
 * ({@code *} and {@code ?} wildcards, case-insensitive, whole address; {@code <>} is the null sender, which
 * {@code *@*} also matches). Either side may be left empty for {@code *@*}, but not both (the manual requires at
 * least one of {@code Senders} and {@code Recipients}). Use {@code *@*;*@*} for a group taking everything.
 *
 * <p>It returns only the matching recipients: when some recipients of a mail belong to the group and others do not,
 * James splits the mail, the copy with the group's recipients going to the mailet, the rest going on down the
 * processor. That is how groups are evaluated in file order, first match wins: one {@code ToProcessor} per group
 * in a {@code groups} processor, in the order of the configuration file, and the default group last with
 * {@code All}:
 *
 * <pre>{@code
 * <processor state="groups" enableJmx="false">
 *   <mailet match="org.smtpgw.matchers.InGroup=*@partner.example;*@example.com" class="ToProcessor">
 *     <processor>group-partners</processor>
 *   </mailet>
 *   <mailet match="org.smtpgw.matchers.InGroup=;boss@example.com,board-*@example.com" class="ToProcessor">
 *     <processor>group-board</processor>
 *   </mailet>
 *   <mailet match="All" class="ToProcessor">
 *     <processor>group-policy</processor>
 *   </mailet>
 * </processor>
 * }</pre>
 *
 * <p>An empty condition, a condition without {@code ;}, an empty mask (two commas in a row) or a mask with
 * characters no address contains stops the server at start with a message naming the mask.
 */
public class InGroup extends GenericMatcher {
    static final String SYNTAX = "expected SENDER_MASKS;RECIPIENT_MASKS, each a comma-separated list of address masks"
        + " with * and ? wildcards (an empty side means *@*), e.g. InGroup=*@partner.example;*@example.com";
    private static final List<MailAddressMask> EVERYONE = List.of(parseOrFail("*@*"));

    private List<MailAddressMask> senderMasks;
    private List<MailAddressMask> recipientMasks;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MailetException("InGroup needs a condition: " + SYNTAX);
        }
        int semicolon = condition.indexOf(';');
        if (semicolon < 0 || condition.indexOf(';', semicolon + 1) >= 0) {
            throw new MailetException("InGroup=" + condition + ": " + SYNTAX);
        }
        String senders = condition.substring(0, semicolon);
        String recipients = condition.substring(semicolon + 1);
        if (senders.isBlank() && recipients.isBlank()) {
            throw new MailetException("InGroup=" + condition + ": give sender masks, recipient masks or both; " + SYNTAX);
        }
        senderMasks = parseList(condition, "sender", senders);
        recipientMasks = parseList(condition, "recipient", recipients);
    }

    private static List<MailAddressMask> parseList(String condition, String side, String list) throws MailetException {
        if (list.isBlank()) {
            return EVERYONE;
        }
        List<MailAddressMask> masks = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            try {
                masks.add(MailAddressMask.parse(item));
            } catch (InvalidMaskException e) {
                throw new MailetException("InGroup=" + condition + ": " + side + " masks: " + e.getMessage(), e);
            }
        }
        return List.copyOf(masks);
    }

    private static MailAddressMask parseOrFail(String text) {
        try {
            return MailAddressMask.parse(text);
        } catch (InvalidMaskException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (!senderMatches(mail.getMaybeSender())) {
            return List.of();
        }
        return mail.getRecipients().stream()
            .filter(recipient -> recipientMasks.stream().anyMatch(mask -> mask.matches(recipient.asString())))
            .toList();
    }

    private boolean senderMatches(MaybeSender sender) {
        Optional<MailAddress> address = sender.asOptional();
        if (address.isEmpty()) {
            return senderMasks.stream().anyMatch(MailAddressMask::matchesNullSender);
        }
        String text = address.get().asString();
        return senderMasks.stream().anyMatch(mask -> mask.matches(text));
    }

    @Override
    public String getMatcherInfo() {
        return "Matches the recipients whose (sender, recipient) pair belongs to a sender/recipient group";
    }
}
