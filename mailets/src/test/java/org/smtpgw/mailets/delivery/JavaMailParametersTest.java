package org.smtpgw.mailets.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smtpgw.mailets.delivery.transport.SMTPTransport;

class JavaMailParametersTest {

    /** The parameters as James' mailet configuration lists them: commons-configuration doubles the dots. */
    private static FakeMailetConfig asJamesListsThem() {
        return FakeMailetConfig.builder()
            .mailetName("remote")
            .setProperty("outgoing", "outgoing")
            .setProperty("heloName", "gateway.test")
            .setProperty("mail..smtp..writetimeout", "4000")
            .setProperty("mail..smtpgw..mailTimeout", "5000")
            .build();
    }

    @Test
    void remoteDeliveryHandsJavaMailTheParametersWithTheirRealNamesAndTheGatewayTransport() throws Exception {
        Properties props = new RemoteDeliveryConfiguration(new JavaMailParameters(asJamesListsThem()), null)
            .createFinalJavaxProperties();

        assertThat(props.getProperty("mail.smtp.writetimeout")).isEqualTo("4000");
        assertThat(props.getProperty("mail.smtpgw.mailTimeout")).isEqualTo("5000");
        assertThat(props.getProperty("mail.smtp.class")).isEqualTo(SMTPTransport.class.getName());
    }

    @Test
    void aTransportClassNamedInTheConfigurationIsKept() throws Exception {
        FakeMailetConfig config = FakeMailetConfig.builder().mailetName("remote")
            .setProperty("mail..smtp..class", "com.sun.mail.smtp.SMTPTransport").build();

        assertThat(new JavaMailParameters(config).getInitParameter("mail.smtp.class"))
            .isEqualTo("com.sun.mail.smtp.SMTPTransport");
    }
}
