package org.smtpgw.mailets.smtp;

import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collection;
import java.util.Locale;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

import com.google.common.net.InetAddresses;

/**
 * Refuses MAIL FROM addresses whose domain resolves to neither an MX nor an A record (the manual's
 * {@code DenyUnresolvedMailfrom}): mail from such a domain could not even be answered.
 *
 * <ul>
 *   <li>The null sender ({@code MAIL FROM:<>}, bounces) and address-literal domains ({@code user@[192.0.2.1]})
 *       are accepted without a lookup.</li>
 *   <li>A domain with MX records, or without MX records but with an A record, is accepted.</li>
 *   <li>Otherwise: {@code 550 5.1.8} naming the domain. The domain is remembered for {@code cacheSeconds} (the
 *       manual's {@code UnresolvedCacheRefreshPeriod}) and refused without another lookup meanwhile;
 *       {@code 0} disables that cache.</li>
 *   <li>A temporary DNS failure (no answer from the DNS server) gives {@code 451 4.4.3} so the client retries
 *       later; it is not cached.</li>
 * </ul>
 * Lookups go through James' {@code DNSService}.
 *
 * <pre>{@code
 * <handler class="org.smtpgw.mailets.smtp.DenyUnresolvedMailFromHook">
 *   <cacheSeconds>1200</cacheSeconds>
 * </handler>
 * }</pre>
 *
 * <p>{@code cacheSeconds}: optional, whole seconds from 0 to 604800, default 1200.
 */
public class DenyUnresolvedMailFromHook implements MailHook {
    public static final String CACHE_SECONDS_PARAMETER = NegativeAnswerCache.CACHE_SECONDS_PARAMETER;
    public static final int DEFAULT_CACHE_SECONDS = NegativeAnswerCache.DEFAULT_CACHE_SECONDS;

    static final String UNRESOLVED_CODE = "550";
    static final String TEMPORARY_FAILURE_CODE = "451";

    private final DNSService dns;
    private final Clock clock;
    private volatile NegativeAnswerCache<String> unresolved;

    @Inject
    public DenyUnresolvedMailFromHook(DNSService dns) {
        this(dns, Clock.systemUTC());
    }

    public DenyUnresolvedMailFromHook(DNSService dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
        this.unresolved = NegativeAnswerCache.withDefaultLifetime(clock);
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        unresolved = NegativeAnswerCache.configured("DenyUnresolvedMailFromHook", config, clock);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        MailAddress address = sender.get();
        String domain = address.getDomain().asString().toLowerCase(Locale.ROOT);
        if (isAddressLiteral(domain)) {
            return HookResult.DECLINED;
        }
        if (unresolved.isKnownUnresolved(domain)) {
            return refuse(address, domain);
        }
        try {
            if (resolves(domain)) {
                return HookResult.DECLINED;
            }
        } catch (TemporaryResolutionException e) {
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(TEMPORARY_FAILURE_CODE)
                .smtpDescription("4.4.3 Temporary DNS failure looking up sender domain " + domain + "; try again later")
                .build();
        }
        unresolved.rememberUnresolved(domain);
        return refuse(address, domain);
    }

    private boolean resolves(String domain) throws TemporaryResolutionException {
        Collection<String> mx = dns.findMXRecords(domain);
        if (mx != null && !mx.isEmpty()) {
            return true;
        }
        // James' dnsjava service already falls back to the A record when there is no MX; other DNSService
        // implementations may not, so ask for it explicitly.
        try {
            dns.getByName(domain);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // James' MailAddress gives the literal of user@[192.0.2.1] without its brackets.
    private static boolean isAddressLiteral(String domain) {
        return domain.startsWith("[") || domain.startsWith("ipv6:") || InetAddresses.isInetAddress(domain);
    }

    private static HookResult refuse(MailAddress sender, String domain) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(UNRESOLVED_CODE)
            .smtpDescription("5.1.8 Sender address <" + sender.asString() + "> rejected: domain " + domain
                + " has no MX or A record")
            .build();
    }
}
