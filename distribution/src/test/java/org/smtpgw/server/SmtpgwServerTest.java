package org.smtpgw.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.Test;

class SmtpgwServerTest {

    @Test
    void configurationShouldReadJamesFilesFromTheGivenDirectoryUnderTheHome() {
        Configuration configuration = SmtpgwServer.configuration(Path.of("/opt/smtpgw"), Path.of("var/run/james-conf"));

        assertThat(configuration.configurationPath().asString()).isEqualTo("file://var/run/james-conf/");
        assertThat(configuration.directories().getRootDirectory()).isEqualTo("/opt/smtpgw");
    }

    @Test
    void configurationShouldRefuseADirectoryOutsideTheHome() {
        assertThatThrownBy(() -> SmtpgwServer.configuration(Path.of("/opt/smtpgw"), Path.of("/etc/james")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("/etc/james");
    }
}
