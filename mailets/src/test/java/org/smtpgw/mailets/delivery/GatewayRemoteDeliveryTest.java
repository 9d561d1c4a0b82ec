package org.smtpgw.mailets.delivery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class GatewayRemoteDeliveryTest {

    @Test
    void invalidGatewayParameterStopsTheMailetAtInitNamingMailetAndParameter() {
        GatewayRemoteDelivery mailet = new GatewayRemoteDelivery(null, null, null, null,
            RemoteDelivery.ThreadState.DO_NOT_START_THREADS);
        FakeMailetConfig config = FakeMailetConfig.builder().mailetName("route-1")
            .setProperty("mail..smtpgw..outgoingSessions", "many").build();

        assertThatThrownBy(() -> mailet.init(config))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("GatewayRemoteDelivery 'route-1'")
            .hasMessageContaining("mail.smtpgw.outgoingSessions='many'");
    }
}
