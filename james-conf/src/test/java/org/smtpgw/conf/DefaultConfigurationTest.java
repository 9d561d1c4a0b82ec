package org.smtpgw.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.smtpgw.conf.james.JamesConfigGenerator;
import org.smtpgw.conf.james.MxLookup;

/** The shipped distribution/src/main/conf/smtpgw.conf, checked in the layout it is shipped in. */
class DefaultConfigurationTest {

    static final Path HOME = Path.of("../distribution/src/main").toAbsolutePath().normalize();
    static final Path FILE = HOME.resolve("conf/smtpgw.conf");

    @Test
    void shippedConfigurationHasNoProblemAtAll() throws Exception {
        LoadResult result = ConfigLoader.load(FILE, HOME);

        assertThat(result.problems()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void shippedConfigurationListensOnLoopbackWithoutRootAndDeliversByMx() throws Exception {
        GatewayConfig c = ConfigLoader.load(FILE, HOME).config().orElseThrow();

        assertThat(c.network().listenOn()).hasToString("[127.0.0.1:2525]");
        assertThat(c.routes()).isEmpty();
        assertThat(c.access().rules()).extracting(r -> r.text()).containsExactly("allow from 127.0.0.1 to any");
        assertThat(c.admin().webAdminPort()).isEqualTo(8000);
        assertThat(c.admin().jmxPort()).isEqualTo(9999);
        String xml = new JamesConfigGenerator(MxLookup.NONE).render(c).file("smtpserver.xml");
        assertThat(xml).contains("<bind>127.0.0.1:2525</bind>");
    }
}
