package org.smtpgw.matchers;

import java.util.ArrayList;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericRecipientMatcher;
import org.smtpgw.matchers.mask.DomainMask;
import org.smtpgw.matchers.mask.InvalidMaskException;

/**
 * Matches the recipients whose domain matches one of the comma-separated domain masks of the condition, and
 * only those: a mail with recipients in several domains is split by the mailet container, the matched copy
 * going to the mailet and the rest going on down the processor.
 *
 * <p>A mask is a domain name where {@code *} stands for any sequence of characters (also empty, also across
 * dots) and {@code ?} for one character; matching is case-insensitive and covers the whole domain.
 * {@code any} matches every recipient. So {@code example.com} does not match {@code mail.example.com}; write
 * {@code example.com,*.example.com} for a domain and its subdomains.
 *
 * <p>The gateway uses it to route mail by {@code ForwardRoute} (one RemoteDelivery per route, first match wins).
 *
 * <pre>{@code
 * <mailet match="org.smtpgw.matchers.RecipientDomainMatches=example.com,*.example.org" class="RemoteDelivery">
 *   <outgoing>outgoing-route-1</outgoing>
 *   <gateway>127.0.0.1:1025</gateway>
 * </mailet>
 * }</pre>
 *
 * <p>An empty condition, an empty item (two commas in a row) or an invalid mask stops the server at start with
 * a message naming the mask.
 */
public class RecipientDomainMatches extends GenericRecipientMatcher {

    private List<DomainMask> masks;

    @Override
    public void init() throws MessagingException {
        masks = parseMasks(getCondition());
    }

    static List<DomainMask> parseMasks(String condition) throws MailetException {
        if (condition == null || condition.isBlank()) {
            throw new MailetException("RecipientDomainMatches needs a condition: a comma-separated list of domain masks"
                + " (with * and ? wildcards) or 'any', e.g. RecipientDomainMatches=example.com,*.example.org");
        }
        List<DomainMask> parsed = new ArrayList<>();
        for (String item : condition.split(",", -1)) {
            try {
                parsed.add(DomainMask.parse(item));
            } catch (InvalidMaskException e) {
                throw new MailetException("RecipientDomainMatches=" + condition + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(parsed);
    }

    @Override
    public boolean matchRecipient(MailAddress recipient) {
        String domain = recipient.getDomain().asString();
        for (DomainMask mask : masks) {
            if (mask.matches(domain)) {
                return true;
            }
        }
        return false;
    }
}
