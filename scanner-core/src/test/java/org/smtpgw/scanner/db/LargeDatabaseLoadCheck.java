package org.smtpgw.scanner.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link LargeDatabaseMemoryTest} in a child JVM with a small heap: loads the generated database, checks the
 * known signatures match, prints counts and heap use, and exits non-zero on any failure (including running out of
 * memory).
 */
public final class LargeDatabaseLoadCheck {
    private LargeDatabaseLoadCheck() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        SignatureDatabase db = new DatabaseLoader(TrustedKeys.fromFiles(List.of(Path.of(args[1])))).load(Path.of(args[0]));
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        SignatureDatabase.Counts counts = db.counts();
        System.out.println("counts md5=" + counts.md5() + " sha1=" + counts.sha1() + " sha256=" + counts.sha256()
            + " body=" + counts.body() + " skipped=" + counts.skipped());
        check(db.match(LargeDatabaseMemoryTest.KNOWN_CONTENT.getBytes(StandardCharsets.US_ASCII)), "Known.Md5");
        check(db.match(LargeDatabaseMemoryTest.KNOWN_BODY.getBytes(StandardCharsets.US_ASCII)), "Known.Body");
        byte[] noise = new byte[1 << 20];
        new java.util.Random(1).nextBytes(noise);
        long scanStart = System.nanoTime();
        int found = db.match(noise).size();
        long scanMillis = (System.nanoTime() - scanStart) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long used = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("loaded in %d ms; heap used after GC %d MB of max %d MB; 1 MB random scanned in %d ms"
                + " (%d chance matches)%n", loadMillis, used >> 20, runtime.maxMemory() >> 20, scanMillis, found);
        System.out.println(db.version() + " " + (db.counts().total() > 0 ? "OK" : "EMPTY"));
    }

    private static void check(List<String> names, String expected) {
        if (!names.contains(expected)) {
            System.out.println("expected " + expected + " but matched " + names);
            System.exit(1);
        }
    }
}
