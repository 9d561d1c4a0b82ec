package org.smtpgw.scanner.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A deterministic synthetic signature database in ClamAV's text formats, the same files for the built-in
 * engine and for clamd: {@code bench.hdb} (MD5:size:name) and {@code bench.ndb} (body signatures, target 0,
 * any offset).
 *
 * <p>Body patterns, by default: 85% random bytes (16 to 32), 10% ASCII phrases built from the corpus
 * vocabulary (words drawn uniformly) plus a random tail (so text objects walk partway into the automaton, as
 * real script signatures make them do), 5% two fixed parts of 8 to 12 bytes with a {@code {0-16}} gap. Real feeds are less uniform (many patterns start with common
 * bytes such as 00, FF or x86 opcodes); this is a neutral stand-in, not a replica of ClamAV's feed.
 */
final class SyntheticDatabase {
    static final String HDB = "bench.hdb";
    static final String NDB = "bench.ndb";

    /** One body signature: its ClamAV hex pattern, and bytes that match it (to plant in corpus objects). */
    record BodySignature(String name, String hexPattern, byte[] matchingBytes) {
    }

    /** One hash signature: MD5, size and name. */
    record HashSignature(String md5, long size, String name) {
    }

    private final List<BodySignature> bodies;

    private SyntheticDatabase(List<BodySignature> bodies) {
        this.bodies = bodies;
    }

    /**
     * @param textPercent share of ASCII phrase patterns
     * @param gapPercent  share of patterns with a {@code {0-16}} gap; the rest are random bytes
     */
    static SyntheticDatabase generateBodies(int count, int textPercent, int gapPercent, long seed) {
        if (textPercent < 0 || gapPercent < 0 || textPercent + gapPercent > 100) {
            throw new IllegalArgumentException("text and gap percentages must be 0..100 together, were "
                + textPercent + " and " + gapPercent);
        }
        Random random = new Random(seed);
        HexFormat hex = HexFormat.of();
        List<BodySignature> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "Bench.Body." + i;
            int kind = random.nextInt(100);
            if (kind < 100 - textPercent - gapPercent) {
                byte[] bytes = randomBytes(random, 16 + random.nextInt(17));
                bodies.add(new BodySignature(name, hex.formatHex(bytes), bytes));
            } else if (kind < 100 - gapPercent) {
                String phrase = Vocabulary.uniformPhrase(random, 2 + random.nextInt(3)) + " "
                    + Integer.toHexString(random.nextInt());
                byte[] bytes = phrase.getBytes(StandardCharsets.US_ASCII);
                bodies.add(new BodySignature(name, hex.formatHex(bytes), bytes));
            } else {
                byte[] first = randomBytes(random, 8 + random.nextInt(5));
                byte[] second = randomBytes(random, 8 + random.nextInt(5));
                byte[] gap = randomBytes(random, random.nextInt(17));
                byte[] matching = new byte[first.length + gap.length + second.length];
                System.arraycopy(first, 0, matching, 0, first.length);
                System.arraycopy(gap, 0, matching, first.length, gap.length);
                System.arraycopy(second, 0, matching, first.length + gap.length, second.length);
                bodies.add(new BodySignature(name, hex.formatHex(first) + "{0-16}" + hex.formatHex(second), matching));
            }
        }
        return new SyntheticDatabase(bodies);
    }

    List<BodySignature> bodies() {
        return bodies;
    }

    /**
     * Writes {@code bench.ndb} and {@code bench.hdb}: {@code randomHashes} random MD5s (of no object) plus the
     * {@code planted} ones, shuffled in.
     */
    void write(Path directory, int randomHashes, List<HashSignature> planted, long seed) throws IOException {
        Files.createDirectories(directory);
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(NDB), StandardCharsets.US_ASCII)) {
            for (BodySignature body : bodies) {
                out.write(body.name() + ":0:*:" + body.hexPattern() + "\n");
            }
        }
        Random random = new Random(seed);
        HexFormat hex = HexFormat.of();
        int plantEvery = planted.isEmpty() ? Integer.MAX_VALUE : Math.max(1, randomHashes / planted.size());
        int nextPlanted = 0;
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(HDB), StandardCharsets.US_ASCII)) {
            for (int i = 0; i < randomHashes; i++) {
                if (i % plantEvery == 0 && nextPlanted < planted.size()) {
                    HashSignature p = planted.get(nextPlanted++);
                    out.write(p.md5() + ":" + p.size() + ":" + p.name() + "\n");
                }
                out.write(hex.formatHex(randomBytes(random, 16)) + ":" + (100 + random.nextInt(5_000_000))
                    + ":Bench.Hash." + i + "\n");
            }
            while (nextPlanted < planted.size()) {
                HashSignature p = planted.get(nextPlanted++);
                out.write(p.md5() + ":" + p.size() + ":" + p.name() + "\n");
            }
        }
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
