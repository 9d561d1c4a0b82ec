package org.smtpgw.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The parameter table itself, and docs/configuration.md against it. */
class ParameterReferenceTest {

    static final Path DOC = Path.of("../docs/configuration.md");

    @Test
    void documentShouldContainExactlyTheTablesRenderedFromTheParameterList() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(ParameterReference.BEGIN);
        int end = doc.indexOf(ParameterReference.END);
        assertThat(begin).as("begin marker in " + DOC).isNotNegative();
        assertThat(end).as("end marker in " + DOC).isGreaterThan(begin);

        String documented = doc.substring(begin + ParameterReference.BEGIN.length(), end).strip();

        assertThat(documented).as("docs/configuration.md is out of date: replace the block between the markers with"
            + " ParameterReference.markdown()").isEqualTo(ParameterReference.markdown().strip());
    }

    @ParameterizedTest
    @EnumSource(Parameter.class)
    void defaultShouldBeAValidValueOfItsOwnType(Parameter p, @TempDir Path home) {
        if (p.defaultValue().isEmpty()) {
            assertThat(p.required() || p.repeatable() || p == Parameter.TEST_RETRY_DELAYS).as(p + " has no default").isTrue();
            return;
        }
        ConfigValidator v = new ConfigValidator(new org.smtpgw.conf.ini.RawFile("x", List.of(), List.of()),
            Path.of("x"), home);
        Object parsed = v.defaultOf(p);

        assertThat(parsed).isNotNull();
        if (p.type() == ValueType.INTEGER) {
            assertThat((Integer) parsed).isBetween(p.min().orElseThrow().intValue(), p.max().orElseThrow().intValue());
        }
    }

    @ParameterizedTest
    @EnumSource(Parameter.class)
    void everyParameterShouldBeDocumented(Parameter p) {
        assertThat(p.meaning()).isNotBlank();
        assertThat(p.james()).isNotBlank();
        assertThat(p.required() && p.defaultValue().isPresent()).as("required with a default").isFalse();
    }

    @Test
    void namesAndAliasesShouldBeUniqueWithinEachSection() {
        for (ConfSection s : ConfSection.values()) {
            Set<String> seen = new HashSet<>();
            Arrays.stream(Parameter.values()).filter(p -> p.allowedIn(s)).forEach(p -> {
                assertThat(seen.add(p.canonicalName().toLowerCase(Locale.ROOT))).as(p.toString()).isTrue();
                p.aliases().forEach(a -> assertThat(seen.add(a.toLowerCase(Locale.ROOT))).as(a).isTrue());
            });
        }
    }

    @Test
    void everyIntegerParameterShouldHaveARange() {
        Arrays.stream(Parameter.values()).filter(p -> p.type() == ValueType.INTEGER || p.type() == ValueType.DELAYS)
            .forEach(p -> assertThat(p.min().isPresent() && p.max().isPresent()).as(p.toString()).isTrue());
    }
}
