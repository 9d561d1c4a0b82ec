package org.smtpgw.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per message a bad value can get: section, key, value, and the start of the expected message. */
class ValueMessagesTest {

    @TempDir
    Path home;

    @ParameterizedTest(name = "[{0}] {1}={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "smtpgw.network|Hostname|-gw.example.com|must be a host name such as gw.example.com",
        "smtpgw.network|Hostname|1.2.3|must be a host name",
        "smtpgw.network|ProtectedDomains|example.com,,x.com|has an empty item in its comma-separated list",
        "smtpgw.network|ProtectedDomains|exa mple.com|'exa mple.com' is not a domain mask",
        "smtpgw.network|DnsServers|127.0.0.1,dns.example|'dns.example' is not an IPv4 address",
        "smtpgw.network|DnsServers|127.0.0.1:0|'127.0.0.1:0' has a bad port: allowed are 1 to 65535",
        "smtpgw.network|DnsServers|127.0.0.1:53x|'127.0.0.1:53x' has a bad port: allowed are 1 to 65535",
        "smtpgw.network|DnsServers|dns.example:5353|'dns.example:5353' is not an IPv4 address",
        "smtpgw.policy|IncludeByMime|application/x/y|'application/x/y' is not a MIME type mask",
        "smtpgw.policy|ExcludeByName|a\\b|'a\\b' is not a file name mask",
        "smtpgw.policy|QuarantinePath|file://|the repository URL has no path",
        "smtpgw.policy|QuarantinePath|.|must not be the distribution home itself",
        "smtpgw.policy|NotifyAdminTemplate|\"\"|must be a path, not empty",
        "smtpgw.policy|ActionFiltered|Delete|must be one of cure|pass|remove|placeholder",
        "smtpgw.policy|NotifySender|all,infected|'all' cannot be combined with other statuses",
        "smtpgw.policy|QuarantineStatus|virus|'virus' is not a status",
        "smtpgw.options|AVStatistics|127.0.0.1:99999|must be ADDRESS[:PORT]",
        "smtpgw.options|LogLevel|4.5|must be an integer from 1 to 9",
        "smtpgw.forward|ForwardRoute|example.com|must be 'DOMAIN_MASK [HOST]' or 'DOMAIN_MASK [HOST:PORT]'",
        "smtpgw.forward|ForwardRoute|example.com [127.0.0.1:x]|the port of [127.0.0.1:x] must be an integer from 1 to 65535",
        "smtpgw.forward|ForwardRoute|example.com [bad_host]|'bad_host' is not an IPv4 address or host name",
        "smtpgw.forward|ForwardRoute|exa$mple.com [127.0.0.1]|'exa$mple.com' is not a domain mask",
        "smtpgw.timeouts|TestRetryDelays|\"\"|needs at least one delay in seconds",
        "smtpgw.timeouts|TestRetryDelays|1,x|'x': each delay must be an integer from 1 to 3600 (seconds)",
        "smtpgw.access|Rule|allow from any to|must be 'allow|deny from ADDRESS_OR_MASK to DOMAIN_MASK'",
        "locale|TimeFormat|%H:%M:%|'%' is not a strftime conversion",
        "smtpgw.admin|WebAdminPort|-1|must be an integer from 0 to 65535",
    })
    void badValueShouldGetAMessageSayingWhatIsAllowed(String section, String key, String value, String message) {
        LoadResult r = ConfFixture.valid().with(section, key, value).load(home);

        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.section()).isEqualTo(section);
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.value()).isEqualTo(value);
            assertThat(p.message()).startsWith(message);
        });
    }

    @Test
    void emptyAddressMaskListShouldBeAnError() {
        LoadResult r = ConfFixture.valid().with("smtpgw.group:g", "Recipients", "").load(home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message).asString()
            .isEqualTo("needs at least one address mask, e.g. *@example.com");
    }

    @Test
    void entryBeforeAnySectionShouldBeAnError() {
        LoadResult r = ConfigLoader.check(Path.of("smtpgw.conf"),
            java.util.stream.Stream.concat(java.util.stream.Stream.of("Hostname=x"), ConfFixture.valid().lines().stream())
                .toList(), prepared());

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::toString).asString()
            .isEqualTo("smtpgw.conf:1: Hostname=x: is outside any section; put it under its [section] header");
    }

    @Test
    void unreachableCachePeriodNotBelowMinimalBackoffShouldWarn() {
        LoadResult r = ConfFixture.valid().with("smtpgw.timeouts", "UnreachableCacheRefreshPeriod", "1800").load(home);

        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).singleElement().extracting(ConfigProblem::message).asString()
            .startsWith("should be less than MinimalBackoffTime (1800)");
    }

    @Test
    void loadShouldThrowWhenTheFileDoesNotExist() {
        assertThatThrownBy(() -> ConfigLoader.load(home.resolve("none.conf"), home))
            .isInstanceOf(ConfigUnreadableException.class)
            .hasMessageEndingWith("none.conf: no such file");
    }

    @Test
    void loadShouldThrowWhenTheFileIsNotText() throws Exception {
        Path binary = home.resolve("binary.conf");
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});

        assertThatThrownBy(() -> ConfigLoader.load(binary, home))
            .isInstanceOf(ConfigUnreadableException.class)
            .hasMessageEndingWith(": not UTF-8 text");
    }

    @Test
    void loadShouldReadAFileAndNameItInMessages() throws Exception {
        Path conf = home.resolve("smtpgw.conf");
        Files.write(conf, ConfFixture.valid().with("smtpgw.limits", "OutgoingSessions", "0").lines());
        prepared();

        LoadResult r = ConfigLoader.load(conf, home);

        assertThat(r.errors()).singleElement().extracting(ConfigProblem::file).isEqualTo(conf.toString());
        assertThat(r.config()).isEmpty();
    }

    private Path prepared() {
        ConfFixture.valid().load(home);
        return home;
    }
}
