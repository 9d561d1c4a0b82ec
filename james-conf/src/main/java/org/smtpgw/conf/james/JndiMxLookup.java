package org.smtpgw.conf.james;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * MX lookup through the JDK's DNS provider (no extra dependency), with a short timeout so that a gateway without
 * DNS still starts (the route then falls back to the domain's address). It asks the {@code DnsServers} of
 * smtpgw.conf (ip or ip:port), as the running gateway does, or the system's resolvers when there are none.
 */
public final class JndiMxLookup implements MxLookup {
    private final List<String> dnsServers;

    /** With the system's resolvers. */
    public JndiMxLookup() {
        this(List.of());
    }

    /** @param dnsServers DNS servers as {@code ip} or {@code ip:port} (DnsServers); empty for the system's resolvers */
    public JndiMxLookup(List<String> dnsServers) {
        this.dnsServers = List.copyOf(dnsServers);
    }

    private record Mx(int preference, String host) {
    }

    @Override
    public List<String> mxHosts(String domain) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        if (!dnsServers.isEmpty()) {
            // the JDK provider takes a space-separated list of dns://host:port URLs
            env.put("java.naming.provider.url", String.join(" ", dnsServers.stream().map(s -> "dns://" + s).toList()));
        }
        try {
            DirContext ctx = new InitialDirContext(env);
            try {
                Attributes attributes = ctx.getAttributes(domain, new String[] {"MX"});
                Attribute mx = attributes.get("MX");
                if (mx == null) {
                    return List.of();
                }
                List<Mx> found = new ArrayList<>();
                NamingEnumeration<?> values = mx.getAll();
                while (values.hasMore()) {
                    String[] parts = values.next().toString().trim().split("\\s+");
                    if (parts.length == 2) {
                        String host = parts[1].endsWith(".") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
                        found.add(new Mx(Integer.parseInt(parts[0]), host));
                    }
                }
                found.sort(Comparator.comparingInt(Mx::preference).thenComparing(Mx::host));
                return found.stream().map(Mx::host).filter(h -> !h.isEmpty()).toList();
            } finally {
                ctx.close();
            }
        } catch (NamingException | NumberFormatException e) {
            return List.of();
        }
    }
}
