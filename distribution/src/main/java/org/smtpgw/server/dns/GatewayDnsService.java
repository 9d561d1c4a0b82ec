package org.smtpgw.server.dns;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.metrics.api.MetricFactory;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Credibility;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/**
 * James' dnsjava DNS service with what the gateway adds to it:
 * <ul>
 * <li>DNS servers may name a port ({@code 127.0.0.1:5353}); James 3.8.1 passes server names to dnsjava's
 * {@code ExtendedResolver(String[])}, which only knows port 53;</li>
 * <li>answers are cached at most {@code maxCacheSeconds} seconds (MXCacheRefreshPeriod), whatever their DNS TTL;</li>
 * <li>every lookup is counted in the gateway statistics: {@code mta_dns_queries_total},
 * {@code mta_dns_queries_through_cache} (answered from the cache, positive or negative) and
 * {@code mta_dns_queries_failed} (no DNS server gave an answer; "no such name" is an answer).</li>
 * </ul>
 *
 * <p>Read from {@code dnsservice.xml}, beside James' own keys:
 * <pre>{@code
 * <dnsservice>
 *   <servers><server>127.0.0.1:5353</server></servers>
 *   <autodiscover>false</autodiscover>
 *   <negativeCacheTTL>1200</negativeCacheTTL>
 *   <maxCacheSeconds>1200</maxCacheSeconds>
 * </dnsservice>
 * }</pre>
 */
public class GatewayDnsService extends DNSJavaService {
    /** dnsjava's own default bound for cached answers (one day) when {@code maxCacheSeconds} is absent. */
    private static final int DEFAULT_MAX_CACHE_SECONDS = 86400;
    private static final int DNS_PORT = 53;
    private static final Logger LOGGER = LoggerFactory.getLogger(GatewayDnsService.class);

    private final GatewayStatistics statistics;
    private final List<InetSocketAddress> servers = new ArrayList<>();
    private int maxCacheSeconds = DEFAULT_MAX_CACHE_SECONDS;
    private int credibility = Credibility.NONAUTH_ANSWER;

    @Inject
    public GatewayDnsService(MetricFactory metricFactory, GatewayStatistics statistics) {
        super(metricFactory);
        this.statistics = statistics;
    }

    @Override
    public void configure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        servers.clear();
        List<String> hostsOnly = new ArrayList<>();
        for (String server : configuration.getStringArray("servers.server")) {
            InetSocketAddress address = parseServer(server.trim());
            servers.add(address);
            hostsOnly.add(address.getHostString());
        }
        // James keeps its credibility private; the same rule as its configure()
        credibility = configuration.getBoolean("authoritative", false) ? Credibility.AUTH_ANSWER : Credibility.NONAUTH_ANSWER;
        maxCacheSeconds = configuration.getInt("maxCacheSeconds", DEFAULT_MAX_CACHE_SECONDS);
        if (maxCacheSeconds < 0) {
            throw new ConfigurationException("dnsservice.xml <maxCacheSeconds>: " + maxCacheSeconds
                + " is not allowed, give a number of seconds >= 0");
        }
        // James' service gets the servers without their ports (it would fail to resolve "host:port");
        // init() replaces its resolver by one that keeps the ports.
        BaseHierarchicalConfiguration forJames = new BaseHierarchicalConfiguration(configuration);
        forJames.clearTree("servers");
        hostsOnly.forEach(h -> forJames.addProperty("servers.server", h));
        super.configure(forJames);
    }

    static InetSocketAddress parseServer(String server) throws ConfigurationException {
        int colon = server.lastIndexOf(':');
        if (colon < 0 || server.indexOf(':') != colon) {
            // no port (IPv6 literals keep port 53)
            return InetSocketAddress.createUnresolved(server, DNS_PORT);
        }
        String host = server.substring(0, colon);
        String port = server.substring(colon + 1);
        try {
            int value = Integer.parseInt(port);
            if (value < 1 || value > 65535) {
                throw new NumberFormatException();
            }
            return InetSocketAddress.createUnresolved(host, value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("dnsservice.xml <server>" + server + "</server>: the port '" + port
                + "' is not allowed, give host or host:port with a port from 1 to 65535");
        }
    }

    @Override
    public void init() throws Exception {
        super.init();
        if (!servers.isEmpty()) {
            List<Resolver> resolvers = new ArrayList<>();
            for (InetSocketAddress server : servers) {
                try {
                    resolvers.add(new SimpleResolver(new InetSocketAddress(server.getHostString(), server.getPort())));
                } catch (IllegalArgumentException e) {
                    throw new UnknownHostException("DNS server " + server.getHostString() + ":" + server.getPort()
                        + " of dnsservice.xml is not a known host");
                }
            }
            resolver = new ExtendedResolver(resolvers);
            if (Lookup.getDefaultResolver() != null && isDnsJavaDefault()) {
                Lookup.setDefaultResolver(resolver);
            }
        }
        cache.setMaxCache(maxCacheSeconds);
    }

    private boolean isDnsJavaDefault() {
        return Lookup.getDefaultCache(org.xbill.DNS.DClass.IN) == cache;
    }

    /**
     * James' lookup, with the outcome counted: James' own method hides whether the servers gave no answer
     * (a failure) or answered "no such name/record" (an answer), so it is done here again.
     */
    @Override
    protected Record[] lookup(String namestr, int type, String typeDesc) throws TemporaryResolutionException {
        statistics.increment(Counter.DNS_QUERIES_TOTAL);
        if (answeredByCache(namestr, type)) {
            statistics.increment(Counter.DNS_QUERIES_THROUGH_CACHE);
        }
        Lookup lookup;
        try {
            lookup = new Lookup(namestr, type);
        } catch (TextParseException e) {
            statistics.increment(Counter.DNS_QUERIES_FAILED);
            LOGGER.warn("Not a DNS name, not looked up: {}", namestr);
            return null;
        }
        lookup.setCache(cache);
        lookup.setResolver(resolver);
        lookup.setCredibility(credibility);
        lookup.setSearchPath(getSearchPaths());
        Record[] records = lookup.run();
        int result = lookup.getResult();
        if (result == Lookup.TRY_AGAIN || result == Lookup.UNRECOVERABLE) {
            statistics.increment(Counter.DNS_QUERIES_FAILED);
        }
        if (result == Lookup.TRY_AGAIN) {
            throw new TemporaryResolutionException("DNSService is temporary not reachable");
        }
        return records;
    }

    /** Whether the cache holds a live answer (records, or a remembered "no such name/record") for the query. */
    private boolean answeredByCache(String namestr, int type) {
        try {
            SetResponse cached = cache.lookupRecords(Name.fromString(namestr, Name.root), type, Credibility.NORMAL);
            return cached.isSuccessful() || cached.isNXDOMAIN() || cached.isNXRRSET();
        } catch (TextParseException e) {
            return false;
        }
    }

    /** Seconds an answer stays in the cache at most. */
    public int maxCacheSeconds() {
        return maxCacheSeconds;
    }
}
