package org.smtpgw.conf.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpgw.conf.ConfigLoader;
import org.smtpgw.conf.LoadResult;

/**
 * Runs every {@code src/test/resources/cases/NAME.conf} through the loader and the generator and compares the
 * result with {@code cases/NAME/<file>}: each generated James file, or {@code problems.txt} for a file with
 * errors. The case's home is {@code cases/} (so templates live in {@code cases/templates/}). MX lookups answer
 * {@code mx1.DOMAIN, mx2.DOMAIN} for domains starting with "mx", nothing otherwise.
 *
 * <p>When an expected file is missing, the actual output is written next to where it should be as
 * {@code <file>.expected} and the test fails: adding a case means dropping in a .conf file, running the test,
 * reviewing the .expected files and renaming them.
 */
class GoldenFilesTest {

    static final Path CASES = Path.of("src/test/resources/cases").toAbsolutePath();
    static final MxLookup FAKE_DNS = domain -> domain.startsWith("mx")
        ? List.of("mx1." + domain, "mx2." + domain) : List.of();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
                .map(n -> n.substring(0, n.length() - ".conf".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedFilesShouldMatchExpectedFiles(String name) throws Exception {
        Path conf = CASES.resolve(name + ".conf");
        LoadResult result = ConfigLoader.check(Path.of("cases", name + ".conf"),
            Files.readAllLines(conf, StandardCharsets.UTF_8), CASES);
        Path expectedDir = CASES.resolve(name);
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        Map<String, String> actual = result.config()
            .map(c -> new JamesConfigGenerator(FAKE_DNS).render(c).files())
            .orElse(Map.of());
        compare(expectedDir, "problems.txt", result.render(), missing, differing);
        for (Map.Entry<String, String> e : actual.entrySet()) {
            compare(expectedDir, e.getKey(), e.getValue(), missing, differing);
        }
        assertThat(conf).exists();
        if (!missing.isEmpty()) {
            fail("no expected output for " + missing + " in " + expectedDir + ": wrote <file>.expected; review and rename");
        }
        assertThat(differing).as("files differing from the expected output in " + expectedDir).isEmpty();
    }

    private static void compare(Path dir, String file, String actual, List<String> missing, List<String> differing)
        throws IOException {
        Path expected = dir.resolve(file);
        if (!Files.exists(expected)) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file + ".expected"), actual, StandardCharsets.UTF_8);
            missing.add(file);
            return;
        }
        String want = Files.readString(expected, StandardCharsets.UTF_8);
        if (!want.equals(actual)) {
            differing.add(file);
            assertThat(actual).as(expected.toString()).isEqualTo(want);
        }
    }
}
