package org.smtpgw.mailets.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Locale;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MaybeSender;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

import com.google.common.net.InetAddresses;

/**
 * Refuses clients whose IP address has no reverse DNS (PTR) name (the manual's {@code DenyUnresolvedConnect}).
 *
 * <p><b>When:</b> the client gets the normal greeting, and its first HELO or EHLO (or MAIL FROM, if it skipped
 * the greeting command) is answered {@code 554 5.7.1} and the connection is closed. It does not answer 554 in
 * place of the greeting: in James every connect handler writes its reply, so a refusal there would be followed
 * by James' own 220 greeting on the same connection. Refusing at the first command gives the client one clear,
 * permanent answer and closes the session, as the manual asks, and no mail transaction can start.
 *
 * <p><b>Lookup:</b> one reverse lookup per connection, through James' {@code DNSService}. A client is
 * unresolved when the service gives back no name, or the address itself (which is what James' dnsjava service
 * answers when there is no PTR record, and also when the DNS server did not answer). Negative answers are
 * remembered per address for {@code cacheSeconds} (the manual's {@code UnresolvedCacheRefreshPeriod}), so a
 * client retrying meanwhile is refused without another lookup; {@code 0} disables that cache. Note that James'
 * DNS service asks DNS servers only, not {@code /etc/hosts}: loopback clients are refused too unless the DNS
 * server has a PTR record for them.
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.DenyUnresolvedConnectHandler">
 *   <cacheSeconds>1200</cacheSeconds>
 * </handler>
 * }</pre>
 *
 * <p>{@code cacheSeconds}: optional, whole seconds from 0 to 604800, default 1200.
 */
public class DenyUnresolvedConnectHandler implements HeloHook, MailHook {
    public static final String CACHE_SECONDS_PARAMETER = NegativeAnswerCache.CACHE_SECONDS_PARAMETER;
    public static final int DEFAULT_CACHE_SECONDS = NegativeAnswerCache.DEFAULT_CACHE_SECONDS;

    static final String REFUSED_CODE = "554";

    // Per connection: the client was already checked and found resolvable; no second lookup at MAIL.
    private static final ProtocolSession.AttachmentKey<Boolean> RESOLVED =
        ProtocolSession.AttachmentKey.of("smtpgw.denyUnresolvedConnect.resolved", Boolean.class);

    private final DNSService dns;
    private final Clock clock;
    private volatile NegativeAnswerCache<InetAddress> unresolved;

    @Inject
    public DenyUnresolvedConnectHandler(DNSService dns) {
        this(dns, Clock.systemUTC());
    }

    public DenyUnresolvedConnectHandler(DNSService dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
        this.unresolved = NegativeAnswerCache.withDefaultLifetime(clock);
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        unresolved = NegativeAnswerCache.configured("DenyUnresolvedConnectHandler", config, clock);
    }

    @Override
    public HookResult doHelo(SMTPSession session, String helo) {
        return check(session);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return check(session);
    }

    private HookResult check(SMTPSession session) {
        if (session.getAttachment(RESOLVED, ProtocolSession.State.Connection).isPresent()) {
            return HookResult.DECLINED;
        }
        InetAddress client = session.getRemoteAddress().getAddress();
        if (unresolved.isKnownUnresolved(client)) {
            return refuse(client);
        }
        if (!hasReverseName(client)) {
            // Remembered from the lookup only, not from each refusal: a client retrying all the time must still
            // be looked up again once cacheSeconds have passed, in case its PTR record was fixed.
            unresolved.rememberUnresolved(client);
            return refuse(client);
        }
        session.setAttachment(RESOLVED, Boolean.TRUE, ProtocolSession.State.Connection);
        return HookResult.DECLINED;
    }

    private static HookResult refuse(InetAddress client) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.disconnected(HookReturnCode.Action.DENY))
            .smtpReturnCode(REFUSED_CODE)
            .smtpDescription("5.7.1 Client host " + client.getHostAddress()
                + " has no reverse DNS (PTR) name; connection refused")
            .build();
    }

    private boolean hasReverseName(InetAddress client) {
        String name = dns.getHostName(client);
        if (name == null) {
            return false;
        }
        String trimmed = name.trim();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return !trimmed.isEmpty()
            && !trimmed.toLowerCase(Locale.ROOT).equals(client.getHostAddress().toLowerCase(Locale.ROOT))
            && !InetAddresses.isInetAddress(trimmed);
    }
}
