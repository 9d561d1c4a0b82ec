package org.smtpgw.conf.james;

import java.util.List;
import java.util.stream.Collectors;

import org.smtpgw.conf.GatewayConfig;
import org.smtpgw.conf.model.ForwardRoute;
import org.smtpgw.conf.model.GroupPolicy;
import org.w3c.dom.Element;

/**
 * {@code mailetcontainer.xml}: processors root, groups, one per group, transport, bounces, relayed and error,
 * as in DESIGN.md's flow. The group processors pass mail on unscanned for now; the comments starting with
 * "INSERTION POINT" mark where the scanning pipeline goes.
 */
final class MailetContainerXml {

    static final String ERROR_REPOSITORY = "file://var/mail/error/";
    static final String ROUTE_MATCHER = "org.smtpgw.matchers.RecipientDomainMatches";
    static final String RELAYED_TEXT = "This is the mail gateway at [machine].\n"
        + "Your message was handed over to the next mail server for the recipients below.\n"
        + "You asked to be told of successful delivery; the next server may not report further.\n";

    private MailetContainerXml() {
    }

    static String render(GatewayConfig c, MxLookup mx, String header) {
        Xml x = Xml.document("mailetcontainer");
        x.headerComment(header);
        x.root().setAttribute("enableJmx", "true");
        Element context = x.add(x.root(), "context");
        x.add(context, "postmaster", c.network().postmaster());
        Element spooler = x.add(x.root(), "spooler");
        x.comment(spooler, "AntiviralSessions: messages processed at the same time");
        x.add(spooler, "threads", c.limits().antiviralSessions());
        x.add(spooler, "errorRepository", ERROR_REPOSITORY);
        Element processors = x.add(x.root(), "processors");
        root(x, processor(x, processors, "root"), c);
        error(x, processor(x, processors, "error"));
        groups(x, processor(x, processors, "groups"), c);
        for (GroupPolicy g : c.allGroups()) {
            group(x, processor(x, processors, g.processorName()), g);
        }
        transport(x, processor(x, processors, "transport"), c, mx);
        bounces(x, processor(x, processors, "bounces"), c);
        if (c.options().dsnOnRelaying()) {
            relayed(x, processor(x, processors, "relayed"), c);
        }
        return x.render();
    }

    private static void root(Xml x, Element p, GatewayConfig c) {
        int relayLimit = c.limits().maximalIncomingHops() + 2;
        x.comment(p, "Second guard against mail loops: HopLimitHook already refuses more than "
            + c.limits().maximalIncomingHops() + " Received headers at SMTP; RelayLimit=" + relayLimit
            + " allows for the header James adds. Kept in the error repository, never dropped.");
        Element loop = mailet(x, p, "RelayLimit=" + relayLimit, "ToProcessor");
        x.add(loop, "processor", "error");
        x.add(loop, "notice", "Too many hops (more than " + c.limits().maximalIncomingHops() + " Received headers)");
        x.comment(p, "INSERTION POINT (scanning pipeline): event log RECEIVED, incoming archive, malformed mail");
        c.paths().incomingArchive().ifPresent(url -> {
            Element archive = mailet(x, p, "All", "ToRepository");
            x.add(archive, "repositoryPath", url);
            x.add(archive, "passThrough", "true");
        });
        x.add(mailet(x, p, "All", "ToProcessor"), "processor", "groups");
    }

    private static void error(Xml x, Element p) {
        x.add(mailet(x, p, "All", "ToRepository"), "repositoryPath", ERROR_REPOSITORY);
    }

    private static void groups(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "INSERTION POINT (scanning pipeline): one group matcher per [smtpgw.group:NAME], in file order,"
            + " sending the matching recipients to group-NAME; the rest goes to group-default.");
        for (GroupPolicy g : c.groups()) {
            x.comment(p, "group " + g.name() + ": Senders=" + String.join(",", g.senders()) + " Recipients="
                + String.join(",", g.recipients()) + " -> " + g.processorName());
        }
        x.add(mailet(x, p, "All", "ToProcessor"), "processor", "group-" + GroupPolicy.DEFAULT_NAME);
    }

    private static void group(Xml x, Element p, GroupPolicy g) {
        x.comment(p, "INSERTION POINT (scanning pipeline): scan, object actions, backup, quarantine, notify, block"
            + " for group " + g.name() + " (Check=" + g.check() + ")");
        x.add(mailet(x, p, "All", "ToProcessor"), "processor", "transport");
    }

    private static void transport(Xml x, Element p, GatewayConfig c, MxLookup mx) {
        x.comment(p, "Mandatory: a Bcc header never leaves the gateway");
        x.add(mailet(x, p, "All", "RemoveMimeHeader"), "name", "bcc");
        c.paths().outgoingArchive().ifPresent(url -> {
            Element archive = mailet(x, p, "All", "ToRepository");
            x.add(archive, "repositoryPath", url);
            x.add(archive, "passThrough", "true");
        });
        RetrySchedule schedule = RetrySchedule.of(c.timeouts());
        for (ForwardRoute r : c.routes()) {
            String gateway;
            if (r.viaMx()) {
                List<String> hosts = mx.mxHosts(r.host());
                List<String> targets = hosts.isEmpty() ? List.of(r.host()) : hosts;
                gateway = targets.stream().map(h -> h + ":25").collect(Collectors.joining(","));
                x.comment(p, "route " + r.number() + ": " + r.domainMask() + " " + r.target() + " = MX of " + r.host()
                    + (hosts.isEmpty() ? ", none found when generated: its own address"
                    : ", looked up when generated: " + String.join(", ", hosts)));
            } else {
                gateway = r.host() + ":" + r.portOrDefault();
                x.comment(p, "route " + r.number() + ": " + r.domainMask() + " " + r.target());
            }
            Element d = mailet(x, p, ROUTE_MATCHER + "=" + r.domainMask(), "RemoteDelivery");
            x.add(d, "outgoing", "outgoing-route-" + r.number());
            x.add(d, "gateway", gateway);
            x.add(d, "loadBalancing", "false");
            deliveryParameters(x, d, c, schedule);
        }
        x.comment(p, "everything else: by the recipient domain's MX");
        Element d = mailet(x, p, "All", "RemoteDelivery");
        x.add(d, "outgoing", "outgoing");
        deliveryParameters(x, d, c, schedule);
    }

    private static void deliveryParameters(Xml x, Element d, GatewayConfig c, RetrySchedule schedule) {
        x.add(d, "delayTime", schedule.delayTime());
        x.add(d, "maxRetries", schedule.maxRetries());
        x.add(d, "connectiontimeout", c.timeouts().sendingInitialTimeout() * 1000L);
        x.add(d, "timeout", c.timeouts().sendingReplyTimeout() * 1000L);
        x.add(d, "sendpartial", "true");
        x.add(d, "heloName", c.network().hostname());
        x.add(d, "bounceProcessor", "bounces");
        if (c.options().dsnOnRelaying()) {
            x.add(d, "onSuccess", "relayed");
        }
    }

    private static void bounces(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "failed deliveries: DSN to the sender (never to the null sender), text from DSNTemplate");
        Element dsn = mailet(x, p, "All", "DSNBounce");
        x.add(dsn, "passThrough", "false");
        x.add(dsn, "attachment", c.options().dsnEntireMessage() ? "message" : "heads");
        if (!c.options().dsnTemplateText().isBlank()) {
            x.add(dsn, "messageString", withHostname(c.options().dsnTemplateText(), c));
        }
    }

    private static void relayed(Xml x, Element p, GatewayConfig c) {
        x.comment(p, "DSNOnRelaying: a 'relayed' DSN for the recipients whose sender asked NOTIFY=SUCCESS");
        Element dsn = mailet(x, p, "DSNSuccessRequested", "DSNBounce");
        x.add(dsn, "action", "relayed");
        x.add(dsn, "defaultStatus", "2.0.0");
        x.add(dsn, "attachment", "none");
        x.add(dsn, "passThrough", "false");
        x.add(dsn, "messageString", withHostname(RELAYED_TEXT, c));
        x.comment(p, "this copy was already delivered: nothing more to do");
        mailet(x, p, "All", "Null");
    }

    /** DSNBounce would put the system's host name for [machine]; the gateway's name is Hostname. */
    private static String withHostname(String text, GatewayConfig c) {
        return text.replace("[machine]", c.network().hostname());
    }

    private static Element processor(Xml x, Element processors, String state) {
        Element p = x.add(processors, "processor");
        p.setAttribute("state", state);
        p.setAttribute("enableJmx", "true");
        return p;
    }

    private static Element mailet(Xml x, Element processor, String match, String className) {
        Element m = x.add(processor, "mailet");
        m.setAttribute("match", match);
        m.setAttribute("class", className);
        return m;
    }
}
