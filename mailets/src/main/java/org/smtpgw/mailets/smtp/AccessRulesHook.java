package org.smtpgw.mailets.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.smtpgw.mailets.smtp.access.AccessRule;
import org.smtpgw.mailets.smtp.access.AccessRules;
import org.smtpgw.mailets.smtp.access.InvalidRuleException;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * Relay access control at RCPT TO: which clients may send to which recipient domains.
 *
 * <p>Each {@code <rule>} reads {@code allow|deny from ADDRESS_OR_MASK to DOMAIN_MASK}. The address is
 * {@code x.x.x.x}, {@code x.x.x.x/y.y.y.y}, {@code x.x.x.x/n} or {@code any}; the domain mask is a domain name
 * with {@code *} (any characters) and {@code ?} (one character) wildcards, matched case-insensitively against
 * the whole recipient domain, or {@code any}. Rules are tried in the order written and the first one matching
 * the pair (client address, recipient domain) decides:
 * <ul>
 *   <li>{@code allow}: the hook answers OK. This accepts the recipient and <b>skips the hooks after it</b>,
 *       among them James' {@code AuthRequiredToRelayRcptHook}: the rules are the relay control, so the relayed
 *       domains need not be in James' domain list. Put hooks that must still see the recipient (recipient limits,
 *       DSN parameters) before this one.</li>
 *   <li>{@code deny}, or no rule matches: {@code 550 5.7.1} naming the client address and the domain.
 *       No rules at all therefore refuses every recipient.</li>
 * </ul>
 * IPv6 clients match only {@code any} (IPv4-mapped IPv6 addresses are matched as IPv4). The address is the
 * connecting client's, or the original client's when the listener uses the PROXY protocol.
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.AccessRulesHook">
 *   <rule>allow from 127.0.0.1 to *</rule>
 *   <rule>deny from 192.168.1.13 to any</rule>
 *   <rule>allow from 192.168.1.0/24 to example.com</rule>
 *   <rule>allow from 10.0.0.0/255.0.0.0 to *.example.org</rule>
 *   <rule>allow from any to example.com</rule>
 * </handler>
 * }</pre>
 *
 * <p>An unparsable rule or an unknown child element stops the server at start with a message naming the rule
 * (by position and text) and the allowed syntax.
 *
 * <p>Statistics (manual A.5): the first refused recipient of a connection adds one to
 * {@code mta_incoming_connections_refused_for_relaying} and {@code mta_incoming_connections_refused_total}; further
 * refusals in the same connection do not count again, since the counters are of connections.
 */
public class AccessRulesHook implements RcptHook {
    public static final String RULE_PARAMETER = "rule";

    static final String DENIED_CODE = "550";

    private static final ProtocolSession.AttachmentKey<Boolean> COUNTED =
        ProtocolSession.AttachmentKey.of("smtpgw.accessRules.refusalCounted", Boolean.class);

    private final GatewayStatistics statistics;
    private volatile AccessRules rules = new AccessRules(List.of());

    /** Counts into statistics of its own, which nothing reads: for use without Guice. */
    public AccessRulesHook() {
        this(new GatewayStatistics());
    }

    @Inject
    public AccessRulesHook(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        HandlerParameters parameters = HandlerParameters.of("AccessRulesHook", config, Set.of(RULE_PARAMETER));
        List<String> texts = parameters.strings(RULE_PARAMETER);
        List<AccessRule> parsed = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                parsed.add(AccessRule.parse(texts.get(i)));
            } catch (InvalidRuleException e) {
                throw new ConfigurationException("AccessRulesHook: <rule> number " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        rules = new AccessRules(parsed);
    }

    AccessRules rules() {
        return rules;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        InetAddress client = session.getRemoteAddress().getAddress();
        String domain = rcpt.getDomain().asString();
        if (rules.allows(client, domain)) {
            return HookResult.OK;
        }
        if (session.setAttachment(COUNTED, Boolean.TRUE, ProtocolSession.State.Connection).isEmpty()) {
            statistics.increment(Counter.INCOMING_CONNECTIONS_REFUSED_FOR_RELAYING);
            statistics.increment(Counter.INCOMING_CONNECTIONS_REFUSED_TOTAL);
        }
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(DENIED_CODE)
            .smtpDescription("5.7.1 Relaying denied: client " + client.getHostAddress()
                + " may not send to domain " + domain)
            .build();
    }
}
