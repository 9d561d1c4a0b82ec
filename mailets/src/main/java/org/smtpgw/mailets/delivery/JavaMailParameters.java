package org.smtpgw.mailets.delivery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/**
 * A mailet configuration as RemoteDelivery should see it: parameter names with single dots (James' configuration
 * lists {@code <mail.smtp.writetimeout>} as {@code mail..smtp..writetimeout}) and {@code mail.smtp.class} naming
 * {@link GatewaySmtpTransport} unless the configuration names another class.
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
            value = GatewaySmtpTransport.class.getName();
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
