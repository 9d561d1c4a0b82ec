package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/avdb} of the packaged distribution, on the starter database the build made. */
class AvdbLauncherIT {
    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void install() throws Exception {
        home = Gateway.install(dir).home();
    }

    @Test
    void verifiesTheShippedStarterDatabaseWithTheShippedKey() throws Exception {
        Gateway.Result result = avdb("verify", "--public-key", "conf/trusted-keys/starter.pub", "var/db/bases");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void refusesATamperedCopyOfTheStarterDatabase() throws Exception {
        Path copy = dir.resolve("tampered");
        copyTree(home.resolve("var/db/bases"), copy);
        try (Stream<Path> files = Files.list(copy)) {
            Path signatures = files.filter(file -> !file.getFileName().toString().startsWith("manifest"))
                .findFirst().orElseThrow();
            Files.writeString(signatures, Files.readString(signatures) + "\n");
        }

        Gateway.Result result = avdb("verify", "--public-key", "conf/trusted-keys/starter.pub", copy.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    }

    @Test
    void infoShowsTheStarterDatabaseVersion() throws Exception {
        Gateway.Result result = avdb("info", "--public-key", "conf/trusted-keys/starter.pub", "var/db/bases");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsIgnoringCase("version");
    }

    private static Gateway.Result avdb(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/avdb").toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("avdb.out");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/avdb returned").isTrue();
        return new Gateway.Result(process.exitValue(), Files.readString(output));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
