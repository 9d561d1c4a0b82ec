package org.smtpgw.scanner.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database of 1,000,000 hash signatures and 100,000 body signatures loads in a 512 MB heap: the test builds it
 * deterministically and loads it in a child JVM started with {@code -Xmx512m} ({@link LargeDatabaseLoadCheck}),
 * which must exit 0. The heap figure and load time are printed, not asserted.
 */
class LargeDatabaseMemoryTest {
    static final int MD5_COUNT = 400_000;
    static final int SHA1_COUNT = 300_000;
    static final int SHA256_COUNT = 300_000;
    static final int BODY_COUNT = 100_000;
    static final String KNOWN_CONTENT = "known object for the large database test";
    static final String KNOWN_BODY = "...the 1a2b3c4d5e6f sequence we look for...";

    @TempDir
    Path dir;

    @Test
    void millionHashAndHundredThousandBodySignaturesLoadInA512MegabyteHeap() throws Exception {
        KeyPair keys = Ed25519Keys.generate();
        generate(dir, new Random(20261128));
        new DatabaseBuilder("large-1").signInPlace(dir, List.of("big.hdb", "big.hsb", "big.ndb"), keys.getPrivate());
        Path publicKey = dir.resolve("test.pub");
        Ed25519Keys.write(keys, publicKey, dir.resolve("test.key"));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            LargeDatabaseLoadCheck.class.getName(), dir.toString(), publicKey.toString())
            .redirectErrorStream(true)
            .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("counts md5=" + MD5_COUNT + " sha1=" + SHA1_COUNT + " sha256=" + SHA256_COUNT
            + " body=" + BODY_COUNT + " skipped=0");
    }

    private static void generate(Path dir, Random random) throws IOException {
        HexFormat hex = HexFormat.of();
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("big.hdb"))) {
            out.write(hex.formatHex(HashAlgorithm.MD5.digest(KNOWN_CONTENT.getBytes(StandardCharsets.US_ASCII))) + ":"
                + KNOWN_CONTENT.length() + ":Known.Md5\n");
            for (int i = 1; i < MD5_COUNT; i++) {
                out.write(hex.formatHex(randomBytes(random, 16)) + ":" + (100 + random.nextInt(1_000_000))
                    + ":Gen.Md5." + i + "\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("big.hsb"))) {
            for (int i = 0; i < SHA1_COUNT; i++) {
                out.write(hex.formatHex(randomBytes(random, 20)) + ":" + (100 + random.nextInt(1_000_000))
                    + ":Gen.Sha1." + i + "\n");
            }
            for (int i = 0; i < SHA256_COUNT; i++) {
                String size = i % 100 == 0 ? "*" : String.valueOf(100 + random.nextInt(1_000_000));
                out.write(hex.formatHex(randomBytes(random, 32)) + ":" + size + ":Gen.Sha256." + i + "\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("big.ndb"))) {
            out.write("Known.Body:0:*:" + hex.formatHex("1a2b".getBytes(StandardCharsets.US_ASCII)) + "{1-3}"
                + hex.formatHex("4d5e6f".getBytes(StandardCharsets.US_ASCII)) + "\n");
            String[] connectors = {"", "??", "{2}", "{1-4}", "*", "(aabb|cc)", "a?", "{-3}"};
            for (int i = 1; i < BODY_COUNT; i++) {
                StringBuilder pattern = new StringBuilder(hex.formatHex(randomBytes(random, 6 + random.nextInt(14))));
                for (int part = random.nextInt(3); part > 0; part--) {
                    pattern.append(connectors[random.nextInt(connectors.length)])
                        .append(hex.formatHex(randomBytes(random, 2 + random.nextInt(10))));
                }
                String offset = i % 10 == 0 ? "EOF-" + random.nextInt(500) : i % 7 == 0 ? random.nextInt(100) + ",50" : "*";
                out.write("Gen.Body." + i + ":" + random.nextInt(7) + ":" + offset + ":" + pattern + "\n");
            }
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
