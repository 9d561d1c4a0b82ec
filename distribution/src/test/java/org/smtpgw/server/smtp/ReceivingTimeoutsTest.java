package org.smtpgw.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class ReceivingTimeoutsTest {

    @Test
    void parseShouldReadEveryTimeoutInSeconds() throws Exception {
        BaseHierarchicalConfiguration server = new BaseHierarchicalConfiguration();
        server.addProperty("receivingTimeouts.command", "2");
        server.addProperty("receivingTimeouts.dataInitiation", "6");
        server.addProperty("receivingTimeouts.dataTermination", "4");
        server.addProperty("receivingTimeouts.read", "60");

        assertThat(ReceivingTimeouts.parse(server)).isEqualTo(new ReceivingTimeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(60)));
    }

    @Test
    void parseShouldTakeTheManualsDefaultsForMissingKeys() throws Exception {
        assertThat(ReceivingTimeouts.parse(new BaseHierarchicalConfiguration())).isEqualTo(ReceivingTimeouts.DEFAULTS);
    }

    @Test
    void parseShouldNameTheElementOfAnInvalidValue() {
        BaseHierarchicalConfiguration server = new BaseHierarchicalConfiguration();
        server.addProperty("receivingTimeouts.dataTermination", "0");

        assertThatThrownBy(() -> ReceivingTimeouts.parse(server))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<receivingTimeouts/dataTermination>")
            .hasMessageContaining("'0'");
    }
}
