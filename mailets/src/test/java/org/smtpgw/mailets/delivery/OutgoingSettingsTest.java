package org.smtpgw.mailets.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.util.Iterator;
import java.util.Properties;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.junit.jupiter.api.Test;

class OutgoingSettingsTest {

    /**
     * What RemoteDelivery hands to JavaMail: the mail.* keys of its mailet configuration as commons-configuration
     * lists them (James' MailetConfigImpl.getInitParameterNames, RemoteDeliveryConfiguration.computeJavaxProperties).
     */
    private static Properties asJamesPassesThem(String mailetXml) throws Exception {
        XMLConfiguration xml = new XMLConfiguration();
        xml.setListDelimiterHandler(new DisabledListDelimiterHandler());
        new FileHandler(xml).load(new StringReader("<mailetcontainer>" + mailetXml + "</mailetcontainer>"));
        HierarchicalConfiguration<ImmutableNode> mailet = xml.configurationAt("mailet");
        Properties p = new Properties();
        for (Iterator<String> keys = mailet.getKeys(); keys.hasNext(); ) {
            String key = keys.next().replaceAll("\\[@[a-zA-Z0-9_]*\\]", "").trim();
            if (key.startsWith("mail.")) {
                p.setProperty(key, mailet.getString(key));
            }
        }
        return p;
    }

    @Test
    void readsTheParametersAsJamesPassesThemWithDoubledDots() throws Exception {
        Properties p = asJamesPassesThem("<mailet match='All' class='RemoteDelivery'>"
            + "<mail.smtpgw.outgoingSessions>7</mail.smtpgw.outgoingSessions>"
            + "<mail.smtpgw.outgoingSessionsPerHost>2</mail.smtpgw.outgoingSessionsPerHost>"
            + "<mail.smtpgw.unreachableCachePeriod>90</mail.smtpgw.unreachableCachePeriod>"
            + "<mail.smtpgw.writeTimeout>4000</mail.smtpgw.writeTimeout>"
            + "<mail.smtpgw.mailTimeout>5000</mail.smtpgw.mailTimeout>"
            + "</mailet>");
        assertThat(p.stringPropertyNames()).contains("mail..smtpgw..mailTimeout");

        OutgoingSettings s = OutgoingSettings.from(p);

        assertThat(s.outgoingSessions()).isEqualTo(7);
        assertThat(s.outgoingSessionsPerHost()).isEqualTo(2);
        assertThat(s.unreachablePeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.writeTimeout()).isEqualTo(4000);
        assertThat(s.mailTimeout()).isEqualTo(5000);
    }

    @Test
    void unsetPhaseTimeoutsFallBackToJavaMailsReadTimeout() throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.timeout", "1234");
        p.setProperty(OutgoingSettings.RCPT_TIMEOUT, "99");

        OutgoingSettings s = OutgoingSettings.from(p);

        assertThat(s.helloTimeout()).isEqualTo(1234);
        assertThat(s.quitTimeout()).isEqualTo(1234);
        assertThat(s.rcptTimeout()).isEqualTo(99);
        assertThat(s.outgoingSessions()).isEqualTo(20);
        assertThat(s.outgoingSessionsPerHost()).isEqualTo(4);
    }

    @Test
    void badValueIsReportedWithItsParameterName() {
        Properties p = new Properties();
        p.setProperty("mail..smtpgw..outgoingSessionsPerHost", "0");

        assertThatThrownBy(() -> OutgoingSettings.from(p))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("mail.smtpgw.outgoingSessionsPerHost='0'")
            .hasMessageContaining("at least 1");
    }
}
