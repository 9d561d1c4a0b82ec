package org.smtpgw.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpgw.conf.model.ObjectAction;
import org.smtpgw.conf.model.ObjectStatus;

class ValidationTest {

    @TempDir
    Path home;

    private ConfigProblem onlyError(LoadResult r) {
        assertThat(r.errors()).hasSize(1);
        assertThat(r.isValid()).isFalse();
        return r.errors().get(0);
    }

    private static String sectionLabelOf(Parameter p) {
        return p.section() == ConfSection.GROUP ? "smtpgw.group:g" : p.section().label();
    }

    static Stream<Parameter> rangedParameters() {
        return Arrays.stream(Parameter.values()).filter(p -> p.type() == ValueType.INTEGER);
    }

    @ParameterizedTest
    @MethodSource("rangedParameters")
    void rangedParameterShouldRejectOneBelowMinimumAndOneAboveMaximum(Parameter p) {
        for (long bad : new long[] {p.min().orElseThrow() - 1, p.max().orElseThrow() + 1}) {
            LoadResult r = ConfFixture.valid().with(sectionLabelOf(p), p.canonicalName(), String.valueOf(bad)).load(home);

            ConfigProblem problem = onlyError(r);
            assertThat(problem.section()).isEqualTo(p.section().label());
            assertThat(problem.key()).isEqualTo(p.canonicalName());
            assertThat(problem.value()).isEqualTo(String.valueOf(bad));
            assertThat(problem.line()).isPositive();
            assertThat(problem.message()).isEqualTo("must be an integer from " + p.min().get() + " to " + p.max().get());
        }
    }

    @ParameterizedTest
    @MethodSource("rangedParameters")
    void rangedParameterShouldAcceptItsMinimumAndMaximum(Parameter p) {
        // The manual lets MaximalBackoffTime go down to 60 but MinimalBackoffTime only to 64, and the minimum must
        // not exceed the maximum: so MaximalBackoffTime's lowest usable value is 64.
        long min = p == Parameter.MAXIMAL_BACKOFF_TIME ? 64 : p.min().orElseThrow();
        for (long good : new long[] {min, p.max().orElseThrow()}) {
            ConfFixture f = ConfFixture.valid().with(sectionLabelOf(p), p.canonicalName(), String.valueOf(good));
            if (p == Parameter.MINIMAL_BACKOFF_TIME) {
                f.with("smtpgw.timeouts", "MaximalBackoffTime", "64800");
            }
            if (p == Parameter.MAXIMAL_BACKOFF_TIME) {
                f.with("smtpgw.timeouts", "MinimalBackoffTime", "64");
            }
            assertThat(f.load(home).errors()).as(p + "=" + good).isEmpty();
        }
    }

    @Test
    void validFixtureShouldLoadWithoutProblems() {
        LoadResult r = ConfFixture.valid().load(home);

        assertThat(r.problems()).isEmpty();
        assertThat(r.config()).isPresent();
    }

    @Test
    void renderShouldPrintOneProblemPerLine() {
        LoadResult r = ConfFixture.valid().with("smtpgw.limits", "MaximalIncomingHops", "0")
            .with("smtpgw.limits", "IncomingSessions", "0").load(home);

        assertThat(r.render()).isEqualTo(
            "smtpgw.conf:32: [smtpgw.limits] MaximalIncomingHops=0: must be an integer from 1 to 100\n"
                + "smtpgw.conf:33: [smtpgw.limits] IncomingSessions=0: must be an integer from 1 to 1024\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "y", "1"})
    void booleanShouldAcceptEveryTrueSpelling(String v) {
        assertThat(ConfFixture.valid().with("smtpgw.ave", "Cure", v).load(home).config().orElseThrow().ave().cure())
            .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "no", "NO", "n", "0"})
    void booleanShouldAcceptEveryFalseSpelling(String v) {
        assertThat(ConfFixture.valid().with("smtpgw.ave", "ScanArchives", v).load(home).config().orElseThrow().ave()
            .scanArchives()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "on", "off", "2", "truee"})
    void booleanShouldRejectOtherWords(String v) {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.ave", "Cure", v).load(home));

        assertThat(p.message()).isEqualTo("must be true or false (also yes|no, y|n, 1|0)");
    }

    @Test
    void engineShouldBeBuiltinOrClamd() {
        LoadResult r = ConfFixture.valid().with("smtpgw.ave", "Engine", "sophos").load(home);

        assertThat(r.render()).contains("[smtpgw.ave] Engine=sophos: must be builtin").contains("or clamd");
    }

    @Test
    void theBuiltInEngineShouldNeedATrustedKey() {
        LoadResult r = ConfFixture.valid().with("smtpgw.ave", "TrustedKeys", "").load(home);

        assertThat(r.render()).contains("[smtpgw.ave] TrustedKeys=: must name at least one public key file");
        assertThat(ConfFixture.valid().with("smtpgw.ave", "Engine", "clamd").with("smtpgw.ave", "TrustedKeys", "")
            .load(home).isValid()).isTrue();
    }

    @Test
    void clamdAddressShouldBeHostAndPortOrAnAbsoluteSocketPath() {
        GatewayConfig c = ConfFixture.valid().with("smtpgw.ave", "ClamdAddress", "/run/clamd.sock").load(home)
            .config().orElseThrow();

        assertThat(c.ave().clamdAddress().socket()).contains(Path.of("/run/clamd.sock"));
        assertThat(ConfFixture.valid().with("smtpgw.ave", "ClamdAddress", "localhost").load(home).render())
            .contains("[smtpgw.ave] ClamdAddress=localhost: must be HOST:PORT");
    }

    @Test
    void trustedKeysShouldBeResolvedAgainstTheHome() {
        GatewayConfig c = ConfFixture.valid().with("smtpgw.ave", "TrustedKeys", "k/a.pub,/etc/b.pub").load(home)
            .config().orElseThrow();

        assertThat(c.ave().trustedKeys()).containsExactly(home.resolve("k/a.pub"), Path.of("/etc/b.pub"));
    }

    @Test
    void keysAndSectionNamesShouldBeCaseInsensitive() {
        LoadResult r = ConfFixture.valid().with("SMTPGW.Limits", "maximalincominghops", "7").load(home);

        assertThat(r.config().orElseThrow().limits().maximalIncomingHops()).isEqualTo(7);
    }

    static Stream<Arguments> aliases() {
        return Arrays.stream(Parameter.values()).flatMap(p -> p.aliases().stream().map(a -> Arguments.of(p, a)));
    }

    @ParameterizedTest
    @MethodSource("aliases")
    void aliasShouldMeanItsCanonicalParameter(Parameter p, String alias) {
        String section = sectionLabelOf(p);
        String value = switch (p.type()) {
            case BOOLEAN -> "yes";
            case INTEGER -> String.valueOf(p.max().orElseThrow());
            case EMAIL -> "alias@example.com";
            case MIME_MASKS -> "text/*";
            case TEMPLATE -> "templates/alias.txt";
            case STATUSES -> "suspicious";
            default -> "alias";
        };
        LoadResult canonical = ConfFixture.valid().with(section, p.canonicalName(), value).load(home);
        LoadResult aliased = ConfFixture.valid().without(section, p.canonicalName()).with(section, alias, value).load(home);

        assertThat(aliased.problems()).isEmpty();
        assertThat(aliased.config().orElseThrow().toString()).isEqualTo(canonical.config().orElseThrow().toString());
    }

    @Test
    void forwardRouteShouldBeAcceptedInNetworkSectionAndKeepFileOrderAcrossSections() {
        // [smtpgw.network] comes before [smtpgw.forward] in the fixture
        LoadResult r = ConfFixture.valid()
            .with("smtpgw.forward", "ForwardRoute", "a.example [127.0.0.1:1025]")
            .with("smtpgw.network", "ForwardRoute", "b.example [127.0.0.1:1026]")
            .plus("smtpgw.forward", "ForwardRoute", "c.example [10.0.0.1]")
            .load(home);

        assertThat(r.config().orElseThrow().routes()).extracting(route -> route.domainMask() + "#" + route.number())
            .containsExactly("b.example#1", "a.example#2", "c.example#3");
    }

    @Test
    void forwardRouteToDomainWithoutPortShouldMeanItsMx() {
        GatewayConfig c = ConfFixture.valid()
            .with("smtpgw.forward", "ForwardRoute", "a.example [other.example]")
            .plus("smtpgw.forward", "ForwardRoute", "b.example [host.example:25]")
            .plus("smtpgw.forward", "ForwardRoute", "c.example [10.0.0.1]")
            .load(home).config().orElseThrow();

        assertThat(c.routes()).extracting(route -> route.viaMx()).containsExactly(true, false, false);
    }

    @Test
    void missingRequiredParameterShouldNameSectionKeyAndHeaderLine() {
        ConfigProblem p = onlyError(ConfFixture.valid().without("smtpgw.network", "Hostname").load(home));

        assertThat(p.section()).isEqualTo("smtpgw.network");
        assertThat(p.key()).isEqualTo("Hostname");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.message()).isEqualTo("required parameter is missing; expected host name");
    }

    @Test
    void missingRequiredSectionShouldListItsRequiredKeys() {
        ConfigProblem p = onlyError(ConfFixture.valid().withoutSection("path").load(home));

        assertThat(p.toString()).isEqualTo(
            "smtpgw.conf: [path] required section is missing; it must set BasesPath, LicensePath");
    }

    @Test
    void badValueOfRequiredKeyShouldNotAlsoBeReportedAsMissing() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.policy", "Check", "maybe").load(home));

        assertThat(p.key()).isEqualTo("Check");
    }

    @Test
    void unknownKeyShouldSuggestTheClosestKey() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.limits", "IncomingSesions", "5").load(home));

        assertThat(p.message()).startsWith("unknown key; did you mean IncomingSessions?");
    }

    @Test
    void keyInTheWrongSectionShouldNameItsSection() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.options", "AdminNotifyAddress", "a@b.c").load(home));

        assertThat(p.message()).isEqualTo("unknown key in this section; AdminNotifyAddress belongs in [smtpgw.policy]");
    }

    @Test
    void unknownSectionShouldBeAnError() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.limit", "IncomingSessions", "5").load(home));

        assertThat(p.message()).startsWith("unknown section [smtpgw.limit]; sections are [path], [locale]");
    }

    @Test
    void repeatedSingleKeyShouldBeAnError() {
        ConfigProblem p = onlyError(ConfFixture.valid().plus("smtpgw.network", "Hostname", "other.example.com").load(home));

        assertThat(p.message()).isEqualTo("is given twice (first at line 7); write it once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"allow from 1.2.3.256 to any", "allow from 1.2.3.4/33 to any",
        "allow from 1.2.3.4/255.0.255.0 to any", "allow from 1.2.3 to any", "allow from 10.0.0.0/8 to exa_mple.com",
        "permit from any to any", "allow 1.2.3.4 to any", "allow from any to a..b"})
    void badAccessRuleShouldBeRejected(String rule) {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.access", "Rule", rule).load(home));

        assertThat(p.key()).isEqualTo("Rule");
        assertThat(p.value()).isEqualTo(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"allow from 1.2.3.4 to any", "deny from 10.0.0.0/255.0.0.0 to *.example.com",
        "allow from 192.168.0.0/16 to ex?mple.*", "Allow FROM any TO any", "allow from 0.0.0.0/0 to example.com"})
    void goodAccessRuleShouldBeAccepted(String rule) {
        assertThat(ConfFixture.valid().with("smtpgw.access", "Rule", rule).load(home).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster", "@example.com", "postmaster@", "post master@example.com", "p@exa_mple.com"})
    void badMailAddressShouldBeRejected(String address) {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.network", "Postmaster", address).load(home));

        assertThat(p.message()).isEqualTo("must be a mail address local@domain, e.g. postmaster@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:0", "127.0.0.1:65536", "300.0.0.1:25", "127.0.0.1:", "gw_1:25"})
    void badListenAddressShouldBeRejected(String address) {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.network", "ListenOn", address).load(home));

        assertThat(p.message()).startsWith("must be ADDRESS[:PORT]");
    }

    @Test
    void listenOnShouldBeRepeatableAndDefaultToPort25() {
        GatewayConfig c = ConfFixture.valid().with("smtpgw.network", "ListenOn", "127.0.0.1:2525")
            .plus("smtpgw.network", "ListenOn", "127.0.0.2").load(home).config().orElseThrow();

        assertThat(c.network().listenOn()).hasToString("[127.0.0.1:2525, 127.0.0.2:25]");
    }

    @Test
    void actionOutsideItsListShouldNameTheAllowedActions() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.policy", "ActionInfected", "cure").load(home));

        assertThat(p.message()).isEqualTo("must be one of pass|remove|placeholder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BlockMessage", "QuarantineStatus", "BackupStatus", "NotifyAdmin", "NotifySender",
        "NotifyRecipient"})
    void statusListShouldRejectUnknownStatus(String key) {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.policy", key, "infected,clean").load(home));

        assertThat(p.message()).startsWith("'clean' is not a status");
    }

    @Test
    void statusListShouldAcceptAllAndEmpty() {
        GatewayConfig c = ConfFixture.valid().with("smtpgw.policy", "BlockMessage", "all")
            .with("smtpgw.policy", "NotifySender", "").with("smtpgw.policy", "NotifyAdmin", "Infected, error")
            .load(home).config().orElseThrow();

        assertThat(c.policy().blockMessage()).isEqualTo(EnumSet.allOf(ObjectStatus.class));
        assertThat(c.policy().notifySender()).isEmpty();
        assertThat(c.policy().notifyAdmin()).containsExactlyInAnyOrder(ObjectStatus.INFECTED, ObjectStatus.ERROR);
    }

    @Test
    void minimalBackoffAboveMaximalShouldBeAnError() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.timeouts", "MinimalBackoffTime", "4000")
            .with("smtpgw.timeouts", "MaximalBackoffTime", "3600").load(home));

        assertThat(p.message()).isEqualTo("must not be greater than MaximalBackoffTime (3600)");
    }

    @Test
    void missingDsnTemplateFileShouldBeAnError() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.options", "DSNTemplate", "templates/none.txt")
            .load(home));

        assertThat(p.message()).isEqualTo("cannot read the template file templates/none.txt: no such file");
    }

    @Test
    void dsnTemplateWithControlCharactersShouldBeAnError() throws Exception {
        Files.createDirectories(home.resolve("templates"));
        Files.writeString(home.resolve("templates/bell.txt"), "ring \u0007 bell\n");

        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.options", "DSNTemplate", "templates/bell.txt")
            .load(home));

        assertThat(p.message()).isEqualTo("the template file templates/bell.txt contains control characters;"
            + " it must be plain text");
    }

    @Test
    void missingNotificationTemplatesShouldNotBeCheckedYet() {
        assertThat(Files.exists(home.resolve("templates/admin.txt"))).isFalse();
        assertThat(ConfFixture.valid().load(home).problems()).isEmpty();
    }

    @Test
    void everyProblemOfTheFileShouldBeReported() {
        LoadResult r = ConfFixture.valid()
            .with("smtpgw.limits", "MaximalIncomingHops", "0")
            .with("smtpgw.network", "Postmaster", "nobody")
            .with("smtpgw.policy", "ActionError", "cure")
            .with("smtpgw.bogus", "X", "1")
            .without("path", "LicensePath")
            .load(home);

        assertThat(r.errors()).extracting(ConfigProblem::key)
            .containsExactlyInAnyOrder("LicensePath", "Postmaster", "ActionError", "MaximalIncomingHops", "");
    }

    @Test
    void noRuleShouldWarnThatEveryRecipientIsRefused() {
        LoadResult r = ConfFixture.valid().without("smtpgw.access", "Rule").load(home);

        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).singleElement().extracting(ConfigProblem::toString).asString()
            .contains("warning: [smtpgw.access] Rule: no rule: every recipient will be refused");
    }

    @Test
    void routeAfterAnyShouldWarnThatItIsNeverUsed() {
        LoadResult r = ConfFixture.valid().with("smtpgw.forward", "ForwardRoute", "any [127.0.0.1:1025]")
            .plus("smtpgw.forward", "ForwardRoute", "example.com [127.0.0.1:1026]").load(home);

        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).singleElement().extracting(ConfigProblem::message).asString()
            .startsWith("is never used");
    }

    @Test
    void prependReceivedFalseShouldBeAcceptedWithoutWarning() {
        LoadResult r = ConfFixture.valid().with("smtpgw.options", "PrependReceived", "no").load(home);

        assertThat(r.isValid()).isTrue();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.config().orElseThrow().options().prependReceived()).isFalse();
    }

    @Test
    void relativePathsShouldBeResolvedAgainstTheHome() {
        GatewayConfig c = ConfFixture.valid().load(home).config().orElseThrow();

        assertThat(c.path().basesPath()).isEqualTo(home.toAbsolutePath().resolve("var/db/bases"));
        assertThat(c.path().licensePath()).isAbsolute();
        assertThat(c.policy().quarantineRepository()).isEqualTo("file://var/quarantine/");
    }

    @Test
    void repositoryShouldAcceptAbsoluteDirectoryAndUrl() {
        GatewayConfig c = ConfFixture.valid().with("smtpgw.policy", "QuarantinePath", "/srv/q")
            .with("smtpgw.policy", "BackupPath", "file://var/b").load(home).config().orElseThrow();

        assertThat(c.policy().quarantineRepository()).isEqualTo("file:///srv/q/");
        assertThat(c.policy().backupRepository()).isEqualTo("file://var/b/");
    }

    @Test
    void testRetryDelaysShouldRejectOutOfRangeItem() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("smtpgw.timeouts", "TestRetryDelays", "1,3601").load(home));

        assertThat(p.message()).isEqualTo("'3601': each delay must be an integer from 1 to 3600 (seconds)");
    }

    @Test
    void strftimeShouldRejectUnknownConversion() {
        ConfigProblem p = onlyError(ConfFixture.valid().with("locale", "DateFormat", "%d/%Q").load(home));

        assertThat(p.message()).startsWith("'%Q' is not a strftime conversion");
    }

    @Test
    void syntaxErrorsShouldNameTheLine() {
        List<String> lines = new java.util.ArrayList<>(ConfFixture.valid().lines());
        lines.add(2, "just words");
        LoadResult r = ConfigLoader.check(Path.of("smtpgw.conf"), lines, home);

        assertThat(r.render()).contains("smtpgw.conf:3: cannot parse 'just words'");
    }

    @Test
    void policyActionsShouldBeTyped() {
        GatewayConfig c = ConfFixture.valid().load(home).config().orElseThrow();

        assertThat(c.policy().actions()).containsEntry(ObjectStatus.DISINFECTED, ObjectAction.CURE)
            .containsEntry(ObjectStatus.PROTECTED, ObjectAction.PASS).hasSize(6);
    }
}
