package org.smtpgw.mailets.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;

/**
 * DNS is outside the gateway: a zone held in maps, answering the way James' dnsjava service does (the address
 * itself for a missing PTR record, an empty list for missing MX records), and recording every question asked.
 */
final class StubDnsService implements DNSService {
    private final Map<String, String> ptr = new HashMap<>();
    private final Map<String, List<String>> mx = new HashMap<>();
    private final Map<String, InetAddress> a = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    final List<String> questions = new ArrayList<>();

    StubDnsService withPtr(String ip, String name) {
        ptr.put(ip, name);
        return this;
    }

    StubDnsService withMx(String domain, String... hosts) {
        mx.put(domain, List.of(hosts));
        return this;
    }

    StubDnsService withA(String name, String ip) {
        try {
            a.put(name, InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
        return this;
    }

    /** MX questions about this domain fail as when the DNS server does not answer. */
    StubDnsService withTemporaryFailure(String domain) {
        failing.add(domain);
        return this;
    }

    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        questions.add("MX " + hostname);
        if (failing.contains(hostname)) {
            throw new TemporaryResolutionException("no answer from the DNS server");
        }
        return mx.getOrDefault(hostname, List.of());
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        questions.add("TXT " + hostname);
        return List.of();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return List.of(getByName(host));
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        questions.add("A " + host);
        InetAddress address = a.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return address;
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return InetAddress.getByName("127.0.0.1");
    }

    @Override
    public String getHostName(InetAddress addr) {
        questions.add("PTR " + addr.getHostAddress());
        return ptr.getOrDefault(addr.getHostAddress(), addr.getHostAddress());
    }
}
