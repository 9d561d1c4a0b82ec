package org.smtpgw.mailets.delivery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/**
 * A mailet configuration as RemoteDelivery should see it: parameter names with single dots (doubled dots, the escape
 * of commons-configuration, are accepted too) and {@code mail.smtp.class} naming the gateway's transport
 * ({@link org.smtpgw.mailets.delivery.transport.SMTPTransport}) unless the configuration names another class.
 */
final class JavaMailParameters implements MailetConfig {

    static final String TRANSPORT_CLASS = "mail.smtp.class";

    private final MailetConfig config;

    JavaMailParameters(MailetConfig config) {
        this.config = config;
    }

    @Override
    public String getInitParameter(String name) {
        String value = config.getInitParameter(name);
        if (value == null && name.contains(".")) {
            value = config.getInitParameter(name.replace(".", ".."));
        }
        if (value == null && name.equals(TRANSPORT_CLASS)) {
            value = org.smtpgw.mailets.delivery.transport.SMTPTransport.class.getName();
        }
        return value;
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        List<String> names = new ArrayList<>();
        config.getInitParameterNames().forEachRemaining(name -> {
            String single = name.replace("..", ".");
            if (!names.contains(single)) {
                names.add(single);
            }
        });
        if (!names.contains(TRANSPORT_CLASS)) {
            names.add(TRANSPORT_CLASS);
        }
        return names.iterator();
    }

    @Override
    public MailetContext getMailetContext() {
        return config.getMailetContext();
    }

    @Override
    public String getMailetName() {
        return config.getMailetName();
    }
}
