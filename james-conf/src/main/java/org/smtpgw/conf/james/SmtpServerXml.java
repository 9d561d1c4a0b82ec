package org.smtpgw.conf.james;

import java.util.stream.Collectors;

import org.smtpgw.conf.GatewayConfig;
import org.smtpgw.conf.model.AccessRule;
import org.w3c.dom.Element;

/** {@code smtpserver.xml}: one SMTP server bound to every ListenOn address, with the gateway's hooks. */
final class SmtpServerXml {

    static final String HOOKS = "org.smtpgw.mailets.smtp.";
    static final String JAMES_SMTP = "org.apache.james.smtpserver.";

    private SmtpServerXml() {
    }

    static String render(GatewayConfig c, String header) {
        Xml x = Xml.document("smtpservers");
        x.headerComment(header);
        Element server = x.add(x.root(), "smtpserver");
        server.setAttribute("enabled", "true");
        x.add(server, "jmxName", "smtpserver");
        x.add(server, "bind", c.network().listenOn().stream().map(Object::toString).collect(Collectors.joining(",")));
        x.add(server, "connectionBacklog", 200);
        Element tls = x.add(server, "tls");
        tls.setAttribute("socketTLS", "false");
        tls.setAttribute("startTLS", "false");
        receivingTimeouts(x, server, c);
        x.add(server, "connectionLimit", c.limits().incomingSessions());
        x.add(server, "connectionLimitPerIP", c.limits().maximalIncomingSessionsPerIp());
        Element hello = x.add(server, "helloName", c.network().hostname());
        hello.setAttribute("autodetect", "false");
        x.add(server, "smtpGreeting", c.network().hostname() + " ESMTP smtpgw");
        Element auth = x.add(server, "auth");
        x.add(auth, "announce", "never");
        x.comment(server, "no authorizedAddresses: relaying is decided by AccessRulesHook alone");
        x.add(server, "verifyIdentity", "false");
        x.comment(server, "MaximalIncomingMessageSize in KB; also advertised by EHLO SIZE");
        x.add(server, "maxmessagesize", c.limits().maximalIncomingMessageSizeKb());
        x.add(server, "addressBracketsEnforcement", "true");
        handlers(x, x.add(server, "handlerchain"), c);
        return x.render();
    }

    /**
     * Read by the gateway's SMTP server (org.smtpgw.server.smtp.GatewaySmtpServer), which applies each timeout in
     * its SMTP phase in place of James' single idle {@code connectiontimeout}.
     */
    private static void receivingTimeouts(Xml x, Element server, GatewayConfig c) {
        x.comment(server, "[smtpgw.timeouts], seconds: command = ReceivingCommandTimeout (HELO/EHLO, MAIL, first RCPT,"
            + " QUIT), dataInitiation = ReceivingDataInitiationTimeout (further RCPTs, DATA), dataTermination ="
            + " ReceivingDataTerminationTimeout (354 to CRLF.CRLF), read = ReadTimeout (pause between reads inside a"
            + " line or the message content); they replace James' idle connectiontimeout");
        Element timeouts = x.add(server, "receivingTimeouts");
        x.add(timeouts, "command", c.timeouts().receivingCommandTimeout());
        x.add(timeouts, "dataInitiation", c.timeouts().receivingDataInitiationTimeout());
        x.add(timeouts, "dataTermination", c.timeouts().receivingDataTerminationTimeout());
        x.add(timeouts, "read", c.timeouts().readTimeout());
    }

    private static void handlers(Xml x, Element chain, GatewayConfig c) {
        x.comment(chain, "Order matters: a hook answering OK ends its command's chain, so the hooks that only"
            + " observe or limit (DSN parameters, recipient count) come before AccessRulesHook, whose OK for an"
            + " allowed recipient also skips James' own relay check in CoreCmdHandlerLoader.");
        x.comment(chain, "receiver task (smtpgwctl recv-off/recv-on): 421 to new connections while it is stopped;"
            + " first, so its refusal is written before James' greeting");
        handler(x, chain, HOOKS + "ReceiverTaskHandler");
        x.comment(chain, "statistics: counts the messages James' maxmessagesize refuses (it refuses nothing itself)");
        handler(x, chain, HOOKS + "MessageSizeRefusalCounter");
        handler(x, chain, JAMES_SMTP + "dsn.DSNEhloHook");
        handler(x, chain, JAMES_SMTP + "dsn.DSNMailParameterHook");
        handler(x, chain, JAMES_SMTP + "dsn.DSNRcptParameterHook");
        handler(x, chain, JAMES_SMTP + "dsn.DSNMessageHook");
        x.add(handler(x, chain, JAMES_SMTP + "fastfail.MaxRcptHandler"), "maxRcpt",
            c.limits().maximalIncomingRcptsPerMessage());
        if (c.access().denyUnresolvedConnect()) {
            x.add(handler(x, chain, HOOKS + "DenyUnresolvedConnectHandler"), "cacheSeconds",
                c.timeouts().unresolvedCacheRefreshPeriod());
        }
        if (c.access().denyUnresolvedMailFrom()) {
            x.add(handler(x, chain, HOOKS + "DenyUnresolvedMailFromHook"), "cacheSeconds",
                c.timeouts().unresolvedCacheRefreshPeriod());
        }
        x.add(handler(x, chain, HOOKS + "MessagesPerSessionHook"), "maxMessages",
            c.limits().maximalIncomingMessagesPerSession());
        x.add(handler(x, chain, HOOKS + "SessionSizeHook"), "maxBytes",
            c.limits().maximalIncomingSessionSizeKb() * 1024L);
        x.add(handler(x, chain, HOOKS + "HopLimitHook"), "maxHops", c.limits().maximalIncomingHops());
        Element rules = handler(x, chain, HOOKS + "AccessRulesHook");
        for (AccessRule r : c.access().rules()) {
            x.add(rules, "rule", r.text());
        }
        handler(x, chain, JAMES_SMTP + "CoreCmdHandlerLoader");
    }

    private static Element handler(Xml x, Element chain, String className) {
        Element h = x.add(chain, "handler");
        h.setAttribute("class", className);
        return h;
    }
}
