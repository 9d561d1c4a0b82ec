package org.smtpgw.conf.james;

import org.smtpgw.conf.GatewayConfig;
import org.w3c.dom.Element;

/**
 * {@code logback.xml} for the James server: a daily rolled file {@code var/log/james.log} (kept 30 days) and the
 * console, at the level of {@code LogLevel} (1 ERROR, 2 WARN, 3-4 INFO, 5-9 DEBUG). The gateway's event log of
 * {@code LogFilename} is separate (written by the smtpgw mailets).
 */
final class LogbackXml {

    private LogbackXml() {
    }

    static String level(int logLevel) {
        if (logLevel <= 1) {
            return "ERROR";
        }
        if (logLevel == 2) {
            return "WARN";
        }
        return logLevel <= 4 ? "INFO" : "DEBUG";
    }

    static String render(GatewayConfig c, String header) {
        Xml x = Xml.document("configuration");
        x.headerComment(header);
        Element console = appender(x, "CONSOLE", "ch.qos.logback.core.ConsoleAppender");
        x.add(x.add(console, "encoder"), "pattern", "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n%rEx");
        Element file = appender(x, "FILE", "ch.qos.logback.core.rolling.RollingFileAppender");
        x.add(file, "file", "var/log/james.log");
        Element policy = x.add(file, "rollingPolicy");
        policy.setAttribute("class", "ch.qos.logback.core.rolling.TimeBasedRollingPolicy");
        x.add(policy, "fileNamePattern", "var/log/james.%d{yyyy-MM-dd}.log");
        x.add(policy, "maxHistory", 30);
        x.add(x.add(file, "encoder"), "pattern", "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n%rEx");
        x.comment(x.root(), "LogLevel=" + c.options().logLevel());
        Element root = x.add(x.root(), "root");
        root.setAttribute("level", level(c.options().logLevel()));
        x.add(root, "appender-ref").setAttribute("ref", "CONSOLE");
        x.add(root, "appender-ref").setAttribute("ref", "FILE");
        return x.render();
    }

    private static Element appender(Xml x, String name, String className) {
        Element a = x.add(x.root(), "appender");
        a.setAttribute("name", name);
        a.setAttribute("class", className);
        return a;
    }
}
