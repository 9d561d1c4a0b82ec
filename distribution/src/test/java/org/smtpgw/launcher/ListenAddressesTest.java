package org.smtpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ListenAddressesTest {

    private static final String SMTP = """
        <smtpservers>
          <smtpserver enabled="true"><bind>127.0.0.1:2525, 127.0.0.2:2526</bind></smtpserver>
          <smtpserver enabled="false"><bind>127.0.0.1:25</bind></smtpserver>
        </smtpservers>
        """;

    @Test
    void ofShouldListEveryEnabledSmtpBindWebAdminAndJmx() throws Exception {
        ListenAddresses addresses = ListenAddresses.of(new JamesFiles(Map.of(
            "smtpserver.xml", SMTP,
            "webadmin.properties", "enabled=true\nhost=127.0.0.1\nport=8000\n",
            "jmx.properties", "jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=9999\n")));

        assertThat(addresses.listeners()).containsExactly(
            new ListenAddresses.Listener("SMTP", "127.0.0.1", 2525),
            new ListenAddresses.Listener("SMTP", "127.0.0.2", 2526),
            new ListenAddresses.Listener("WebAdmin", "127.0.0.1", 8000),
            new ListenAddresses.Listener("JMX", "127.0.0.1", 9999));
    }

    @Test
    void ofShouldSkipDisabledWebAdminAndJmx() throws Exception {
        ListenAddresses addresses = ListenAddresses.of(new JamesFiles(Map.of(
            "webadmin.properties", "enabled=false\nport=8000\n",
            "jmx.properties", "jmx.enabled=false\njmx.port=9999\n")));

        assertThat(addresses.listeners()).isEmpty();
    }

    @Test
    void probeShouldFailWith55NamingTheAddressInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListenAddresses addresses = new ListenAddresses(List.of(
                new ListenAddresses.Listener("SMTP", "127.0.0.1", taken.getLocalPort())));

            assertThatThrownBy(addresses::probe)
                .isInstanceOfSatisfying(LaunchException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BIND_FAILED))
                .hasMessageContaining("SMTP 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void probeShouldIgnorePortZero() {
        ListenAddresses anyPort = new ListenAddresses(List.of(new ListenAddresses.Listener("WebAdmin", "192.0.2.1", 0)));

        assertThatCode(anyPort::probe).doesNotThrowAnyException();
    }
}
