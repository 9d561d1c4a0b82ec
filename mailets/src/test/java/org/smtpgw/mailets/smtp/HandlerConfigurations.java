package org.smtpgw.mailets.smtp;

import java.io.StringReader;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/** Handler configurations parsed from the XML an administrator writes in smtpserver.xml. */
final class HandlerConfigurations {
    private HandlerConfigurations() {
    }

    /** {@code children} is the content of the {@code <handler>} element. */
    static XMLConfiguration handler(Class<?> handlerClass, String children) {
        XMLConfiguration config = new XMLConfiguration();
        try {
            new FileHandler(config).load(new StringReader(
                "<handler class=\"" + handlerClass.getName() + "\">" + children + "</handler>"));
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException(children, e);
        }
        return config;
    }
}
