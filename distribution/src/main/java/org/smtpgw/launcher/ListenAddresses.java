package org.smtpgw.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The TCP addresses the server will listen on, read from James' configuration files (SMTP listeners of
 * {@code smtpserver.xml}, WebAdmin, JMX), and a probe that binds each one before James starts, so a busy
 * or foreign address is reported as exit code 55 naming the address, instead of a stack trace.
 */
public record ListenAddresses(List<Listener> listeners) {

    public record Listener(String what, String host, int port) {
        @Override
        public String toString() {
            return what + " " + host + ":" + port;
        }
    }

    /** @param jamesFiles James' configuration files by name, as generated */
    public static ListenAddresses of(JamesFiles jamesFiles) throws LaunchException {
        List<Listener> listeners = new ArrayList<>();
        readSmtp(jamesFiles.content("smtpserver.xml"), listeners);
        Properties webadmin = properties(jamesFiles.content("webadmin.properties"));
        if (webadmin != null && Boolean.parseBoolean(webadmin.getProperty("enabled", "false"))) {
            add(listeners, "WebAdmin", webadmin.getProperty("host", "localhost"), webadmin.getProperty("port", "8000"));
        }
        Properties jmx = properties(jamesFiles.content("jmx.properties"));
        if (jmx != null && Boolean.parseBoolean(jmx.getProperty("jmx.enabled", "true"))) {
            add(listeners, "JMX", jmx.getProperty("jmx.address", "localhost"), jmx.getProperty("jmx.port", "9999"));
        }
        return new ListenAddresses(List.copyOf(listeners));
    }

    /** Binds and releases every fixed address; port 0 (any free port) needs no check. */
    public void probe() throws LaunchException {
        for (Listener listener : listeners) {
            if (listener.port() == 0) {
                continue;
            }
            InetSocketAddress address = new InetSocketAddress(listener.host(), listener.port());
            if (address.isUnresolved()) {
                throw new LaunchException(ExitCode.BIND_FAILED, "cannot listen on " + listener + ": unknown host");
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address);
            } catch (IOException e) {
                throw new LaunchException(ExitCode.BIND_FAILED, "cannot listen on " + listener + ": " + e.getMessage(), e);
            }
        }
    }

    private static void readSmtp(Optional<String> xml, List<Listener> listeners) throws LaunchException {
        if (xml.isEmpty()) {
            return;
        }
        try (InputStream in = new ByteArrayInputStream(xml.get().getBytes(StandardCharsets.UTF_8))) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            NodeList servers = root.getElementsByTagName("smtpserver");
            for (int i = 0; i < servers.getLength(); i++) {
                Element server = (Element) servers.item(i);
                if ("false".equalsIgnoreCase(server.getAttribute("enabled"))) {
                    continue;
                }
                NodeList binds = server.getElementsByTagName("bind");
                for (int j = 0; j < binds.getLength(); j++) {
                    for (String hostPort : binds.item(j).getTextContent().split(",")) {
                        String trimmed = hostPort.trim();
                        int colon = trimmed.lastIndexOf(':');
                        if (colon > 0) {
                            add(listeners, "SMTP", trimmed.substring(0, colon), trimmed.substring(colon + 1));
                        }
                    }
                }
            }
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new LaunchException(ExitCode.CRITICAL, "cannot read smtpserver.xml: " + e.getMessage(), e);
        }
    }

    private static void add(List<Listener> listeners, String what, String host, String port) throws LaunchException {
        try {
            listeners.add(new Listener(what, host.trim(), Integer.parseInt(port.trim())));
        } catch (NumberFormatException e) {
            throw new LaunchException(ExitCode.CRITICAL, what + " port '" + port + "' is not a number");
        }
    }

    private static Properties properties(Optional<String> content) throws LaunchException {
        if (content.isEmpty()) {
            return null;
        }
        try (Reader reader = new StringReader(content.get())) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new LaunchException(ExitCode.CRITICAL, "cannot read properties: " + e.getMessage(), e);
        }
    }
}
