package org.smtpgw.conf.james;

import org.smtpgw.conf.GatewayConfig;
import org.w3c.dom.Element;

/** The small XML files of James' data layer: domain list, DNS, mail repositories, users, rewrite table. */
final class DataFilesXml {

    private DataFilesXml() {
    }

    /** The gateway delivers nothing locally: the domain list only names the gateway itself. */
    static String domainList(GatewayConfig c, String header) {
        Xml x = Xml.document("domainlist");
        x.headerComment(header);
        x.add(x.root(), "autodetect", "false");
        x.add(x.root(), "autodetectIP", "false");
        x.add(x.root(), "defaultDomain", c.network().hostname());
        return x.render();
    }

    static String dnsService(GatewayConfig c, String header) {
        Xml x = Xml.document("dnsservice");
        x.headerComment(header);
        if (c.network().dnsServers().isEmpty()) {
            x.add(x.root(), "autodiscover", "true");
        } else {
            Element servers = x.add(x.root(), "servers");
            c.network().dnsServers().forEach(s -> x.add(servers, "server", s));
            x.add(x.root(), "autodiscover", "false");
        }
        x.add(x.root(), "authoritative", "false");
        x.add(x.root(), "maxcachesize", 50000);
        x.comment(x.root(), "UnresolvedCacheRefreshPeriod (seconds)");
        x.add(x.root(), "negativeCacheTTL", c.timeouts().unresolvedCacheRefreshPeriod());
        x.comment(x.root(), "MXCacheRefreshPeriod (seconds): longest time any answer is cached (GatewayDnsService)");
        x.add(x.root(), "maxCacheSeconds", c.timeouts().mxCacheRefreshPeriod());
        return x.render();
    }

    static String mailRepositoryStore(String header) {
        Xml x = Xml.document("mailrepositorystore");
        x.headerComment(header);
        x.add(x.root(), "defaultProtocol", "file");
        Element repositories = x.add(x.root(), "mailrepositories");
        Element repository = x.add(repositories, "mailrepository");
        repository.setAttribute("class", "org.apache.james.mailrepository.file.FileMailRepository");
        Element protocols = x.add(repository, "protocols");
        x.add(protocols, "protocol", "file");
        Element config = x.add(repository, "config");
        config.setAttribute("FIFO", "false");
        config.setAttribute("CACHEKEYS", "true");
        return x.render();
    }

    static String usersRepository(String header) {
        Xml x = Xml.document("usersrepository");
        x.headerComment(header);
        x.root().setAttribute("name", "LocalUsers");
        x.add(x.root(), "algorithm", "PBKDF2-SHA512");
        x.add(x.root(), "enableVirtualHosting", "true");
        x.add(x.root(), "enableForwarding", "false");
        return x.render();
    }

    static String recipientRewriteTable(String header) {
        Xml x = Xml.document("recipientrewritetable");
        x.headerComment(header);
        x.add(x.root(), "recursiveMapping", "true");
        x.add(x.root(), "mappingLimit", 10);
        return x.render();
    }
}
