package org.smtpgw.scanner.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.smtpgw.scanner.MessageScanner;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.bench.MailCorpus.CorpusObject;
import org.smtpgw.scanner.builtin.BuiltinEngine;
import org.smtpgw.scanner.cache.ICheckerCache;
import org.smtpgw.scanner.clamd.ClamdEngine;
import org.smtpgw.scanner.clamd.ClamdProcess;
import org.smtpgw.scanner.db.DatabaseBuilder;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.Ed25519Keys;
import org.smtpgw.scanner.db.SignatureDatabase;
import org.smtpgw.scanner.db.TrustedKeys;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.ScanEngine;
import org.smtpgw.scanner.model.MessageVerdict;

/**
 * Measures the built-in engine against a real clamd on the same synthetic database and the same objects, and
 * prints the figures recorded in {@code docs/performance.md}. Not a test: run it with
 * {@code scripts/benchmark.sh}.
 *
 * <pre>
 * ScannerBenchmark [--corpus-mb=200] [--hash-signatures=1000000] [--body-signatures=100000]
 *                  [--threads=N (default: all cores)] [--work-dir=DIR] [--no-clamd] [--seed=42]
 * </pre>
 * MB means 10^6 bytes. Throughput counts the bytes of the leaf objects an engine is given (decoded bodies and
 * attachments, zip entries), the unit both engines are asked to scan.
 */
public final class ScannerBenchmark {
    private static final double MB = 1_000_000.0;

    private final Options options;

    private ScannerBenchmark(Options options) {
        this.options = options;
    }

    /** Command-line options, parsed apart from {@link #main} so they can be checked alone. */
    record Options(long corpusBytes, int hashSignatures, int bodySignatures, int textPercent, int gapPercent,
                   int threads, int passes, Path workDir, boolean clamd, boolean messages, long seed) {

        static Options fromArgs(String... args) throws IOException {
            long corpusMb = 200;
            int hashes = 1_000_000;
            int bodies = 100_000;
            int textPercent = 10;
            int gapPercent = 5;
            int passes = 2;
            int threads = Runtime.getRuntime().availableProcessors();
            Path workDir = null;
            boolean clamd = true;
            boolean messages = true;
            long seed = 42;
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                String value = kv.length == 2 ? kv[1] : "";
                switch (kv[0]) {
                    case "--corpus-mb" -> corpusMb = Long.parseLong(value);
                    case "--hash-signatures" -> hashes = Integer.parseInt(value);
                    case "--body-signatures" -> bodies = Integer.parseInt(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--text-signatures-percent" -> textPercent = Integer.parseInt(value);
                    case "--gap-signatures-percent" -> gapPercent = Integer.parseInt(value);
                    case "--passes" -> passes = Integer.parseInt(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    case "--no-clamd" -> clamd = false;
                    case "--no-messages" -> messages = false;
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; allowed: --corpus-mb=N "
                        + "--hash-signatures=N --body-signatures=N --text-signatures-percent=N "
                        + "--gap-signatures-percent=N --threads=N --passes=N --work-dir=DIR --no-clamd --no-messages --seed=N");
                }
            }
            if (corpusMb < 1 || hashes < 0 || bodies < 1 || threads < 1 || passes < 1) {
                throw new IllegalArgumentException("--corpus-mb, --body-signatures, --threads and --passes must be "
                    + "at least 1, --hash-signatures at least 0");
            }
            return new Options(corpusMb * 1_000_000L, hashes, bodies, textPercent, gapPercent, threads, passes,
                workDir != null ? workDir : Files.createTempDirectory("smtpgw-bench"), clamd, messages, seed);
        }
    }

    public static void main(String[] args) throws Exception {
        new ScannerBenchmark(Options.fromArgs(args)).run();
    }

    private void run() throws Exception {
        Path dbDir = options.workDir().resolve("db");
        print("machine: %d cores, JVM max heap %d MB, %s %s, load average %.2f", Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() / 1_000_000, System.getProperty("java.vm.name"),
            System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        long started = System.nanoTime();
        SyntheticDatabase synthetic = SyntheticDatabase.generateBodies(options.bodySignatures(),
            options.textPercent(), options.gapPercent(), options.seed());
        MailCorpus corpus = MailCorpus.generate(options.corpusBytes(), options.seed() + 1, synthetic,
            options.messages());
        synthetic.write(dbDir, options.hashSignatures(), corpus.plantedHashes(), options.seed() + 2);
        KeyPair keys = Ed25519Keys.generate();
        new DatabaseBuilder("bench-" + options.seed()).signInPlace(dbDir,
            List.of(SyntheticDatabase.HDB, SyntheticDatabase.NDB), keys.getPrivate());
        List<CorpusObject> objects = corpus.objects();
        long expected = objects.stream().filter(o -> o.expectedSignature() != null).count();
        print("corpus: %d objects, %.1f MB (%s); %d carry a signature; generated with the database in %.1f s",
            objects.size(), corpus.objectBytes() / MB, kinds(objects), expected, seconds(started));
        print("database: %d hash signatures + %d planted, %d body signatures (%d%% text, %d%% with a gap); "
            + "files %.1f MB", options.hashSignatures(), corpus.plantedHashes().size(), options.bodySignatures(),
            options.textPercent(), options.gapPercent(),
            (Files.size(dbDir.resolve(SyntheticDatabase.HDB)) + Files.size(dbDir.resolve(SyntheticDatabase.NDB))) / MB);

        Result builtin1 = null;
        Result builtinN = null;
        {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = usedHeapAfterGc(memory);
            long loadStart = System.nanoTime();
            SignatureDatabase database = new DatabaseLoader(TrustedKeys.of(keys.getPublic())).load(dbDir);
            double loadSeconds = seconds(loadStart);
            long heapAfter = usedHeapAfterGc(memory);
            print("built-in: database loaded and verified in %.1f s, heap +%d MB (%s, %d warnings)", loadSeconds,
                (heapAfter - heapBefore) / 1_000_000, database.counts(), database.warnings().size());

            BuiltinEngine engine = BuiltinEngine.of(database);
            warmUp(engine, objects);
            builtin1 = scanAll("built-in, 1 thread", engine, objects, 1);
            builtinN = scanAll("built-in, " + options.threads() + " threads", engine, objects, options.threads());
            cachePasses(engine, objects);
            if (options.messages()) {
                scanMessages(engine, corpus.messages(), 1);
                scanMessages(engine, corpus.messages(), options.threads());
                messageCachePasses(engine, corpus.messages());
            }
            Objects.requireNonNull(database.version());
        }

        Result clamd = null;
        if (options.clamd()) {
            long startClamd = System.nanoTime();
            try (ClamdProcess process = ClamdProcess.options()
                    .signatureFile(dbDir.resolve(SyntheticDatabase.HDB))
                    .signatureFile(dbDir.resolve(SyntheticDatabase.NDB))
                    .streamMaxLength("200M")
                    .maxThreads(1)
                    .line("MaxFileSize 200M")
                    .line("MaxScanSize 400M")
                    // clamd remembers clean objects by MD5; the built-in engine runs without its cache here.
                    .line("DisableCache yes")
                    .startTimeout(java.time.Duration.ofMinutes(10))
                    .start()) {
                print("clamd: started and loaded the same signature files in %.1f s (copying them included), "
                    + "resident memory %d MB", seconds(startClamd), rssKb(process.pid()) / 1000);
                try (ClamdEngine engine = ClamdEngine.create(process.unixConfig().maxConnections(1)
                        .maxStreamSize(200_000_000).build())) {
                    warmUp(engine, objects);
                    clamd = scanAll("clamd (MaxThreads 1), 1 connection over a Unix socket", engine, objects, 1);
                }
            }
        }

        print("load average at the end: %.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (clamd != null) {
            print("ratio built-in 1 thread / clamd 1 thread: %.2f (goal: at least 2.00)", builtin1.mbPerSecond() / clamd.mbPerSecond());
            print("ratio built-in %d threads / clamd 1 thread: %.2f", options.threads(),
                builtinN.mbPerSecond() / clamd.mbPerSecond());
            compare(objects, builtin1, clamd);
        }
        deleteTree(options.workDir());
    }

    private static String kinds(List<CorpusObject> objects) {
        StringBuilder text = new StringBuilder();
        objects.stream().map(CorpusObject::kind).distinct().sorted().forEach(kind -> {
            long count = objects.stream().filter(o -> o.kind().equals(kind)).count();
            long bytes = objects.stream().filter(o -> o.kind().equals(kind)).mapToLong(o -> o.content().length).sum();
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s: %d, %.1f MB",
                kind, count, bytes / MB));
        });
        return text.toString();
    }

    /** Scans the first tenth of the corpus (at least 20 MB) once, so JIT compilation and clamd's caches settle. */
    private static void warmUp(ScanEngine engine, List<CorpusObject> objects) throws Exception {
        long bytes = 0;
        long target = Math.max(20_000_000, objects.stream().mapToLong(o -> o.content().length).sum() / 10);
        for (CorpusObject object : objects) {
            engine.scan(object.content(), false);
            bytes += object.content().length;
            if (bytes > target) {
                return;
            }
        }
    }

    /** Per-run figures and each object's verdict (for comparing engines). */
    record Result(String label, double seconds, long bytes, int objects, EngineResult[] verdicts, long[] nanos) {
        double mbPerSecond() {
            return bytes / MB / seconds;
        }

        double objectsPerSecond() {
            return objects / seconds;
        }

        long count(ObjectStatus status) {
            return java.util.Arrays.stream(verdicts).filter(v -> v.status() == status).count();
        }
    }

    /** The best of {@link Options#passes()} timed passes (the machine is shared; the best pass is the least disturbed). */
    private Result scanAll(String label, ScanEngine engine, List<CorpusObject> objects, int threads)
        throws Exception {
        Result best = null;
        for (int pass = 0; pass < options.passes(); pass++) {
            Result result = scanOnce(label, engine, objects, threads);
            if (best == null || result.seconds() < best.seconds()) {
                best = result;
            }
        }
        if (options.passes() > 1) {
            print("%s: best of %d passes %.1f MB/s", label, options.passes(), best.mbPerSecond());
        }
        return best;
    }

    private Result scanOnce(String label, ScanEngine engine, List<CorpusObject> objects, int threads)
        throws Exception {
        EngineResult[] verdicts = new EngineResult[objects.size()];
        long[] nanos = new long[objects.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < objects.size() && failure.get() == null; i = next.getAndIncrement()) {
                try {
                    long objectStart = System.nanoTime();
                    verdicts[i] = engine.scan(objects.get(i).content(), false);
                    nanos[i] = System.nanoTime() - objectStart;
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(worker, "bench-" + t);
            thread.start();
            workers.add(thread);
        }
        for (Thread thread : workers) {
            thread.join();
        }
        double elapsed = seconds(start);
        if (failure.get() != null) {
            throw failure.get();
        }
        long bytes = objects.stream().mapToLong(o -> o.content().length).sum();
        Result result = new Result(label, elapsed, bytes, objects.size(), verdicts, nanos);
        print("%s: %.1f s, %.1f MB/s, %.0f objects/s; %d infected, %d suspicious, %d protected, %d error",
            label, elapsed, result.mbPerSecond(), result.objectsPerSecond(), result.count(ObjectStatus.INFECTED),
            result.count(ObjectStatus.SUSPICIOUS), result.count(ObjectStatus.PROTECTED), result.count(ObjectStatus.ERROR));
        if (threads == 1) {
            print("    by kind: %s", byKind(objects, nanos));
            print("    slowest: %s", slowest(objects, nanos));
        }
        return result;
    }

    private static String slowest(List<CorpusObject> objects, long[] nanos) {
        return java.util.stream.IntStream.range(0, objects.size()).boxed()
            .sorted(Comparator.comparingLong((Integer i) -> nanos[i]).reversed()).limit(3)
            .map(i -> String.format(Locale.ROOT, "#%d %s %d KB %.2f s", i, objects.get(i).kind(),
                objects.get(i).content().length / 1000, nanos[i] / 1e9))
            .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String byKind(List<CorpusObject> objects, long[] nanos) {
        StringBuilder text = new StringBuilder();
        for (String kind : objects.stream().map(CorpusObject::kind).distinct().sorted().toList()) {
            long bytes = 0;
            long time = 0;
            for (int i = 0; i < objects.size(); i++) {
                if (objects.get(i).kind().equals(kind)) {
                    bytes += objects.get(i).content().length;
                    time += nanos[i];
                }
            }
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f MB/s", kind,
                bytes / MB / (time / 1e9)));
        }
        return text.toString();
    }

    /**
     * Whole messages through {@link MessageScanner} (MIME decoding, unpacking, the built-in engine); the
     * scanner's per-object timeout is off so the engine runs on the benchmark's threads.
     */
    private void scanMessages(ScanEngine engine, List<byte[]> messages, int threads) throws Exception {
        MessageScanner scanner = MessageScanner.builder(engine).scanTimeout(java.time.Duration.ZERO).build();
        double best = Double.MAX_VALUE;
        long[] objectCount = new long[messages.size()];
        int[] infected = new int[messages.size()];
        for (int pass = 0; pass < options.passes(); pass++) {
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Runnable worker = () -> {
                for (int i = next.getAndIncrement(); i < messages.size() && failure.get() == null;
                     i = next.getAndIncrement()) {
                    try {
                        MessageVerdict verdict = scanner.scan(new ByteArrayInputStream(messages.get(i)));
                        objectCount[i] = verdict.objects().size();
                        infected[i] = verdict.worstStatus() == ObjectStatus.INFECTED ? 1 : 0;
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            };
            long start = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(worker, "bench-msg-" + t);
                thread.start();
                workers.add(thread);
            }
            for (Thread thread : workers) {
                thread.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            best = Math.min(best, seconds(start));
        }
        long bytes = messages.stream().mapToLong(m -> m.length).sum();
        print("MessageScanner + built-in, %d thread(s), best of %d: %d messages, %.1f MB as received, %d objects "
            + "scanned (archives count as objects too): %.1f s, %.1f MB/s, %.0f messages/s; %d messages infected",
            threads, options.passes(), messages.size(), bytes / MB, java.util.Arrays.stream(objectCount).sum(), best,
            bytes / MB / best, messages.size() / best, java.util.Arrays.stream(infected).sum());
    }

    /** Whole messages twice through a {@link MessageScanner} with the iChecker cache, one thread. */
    private static void messageCachePasses(ScanEngine engine, List<byte[]> messages) throws Exception {
        try (ICheckerCache cache = ICheckerCache.inMemory(1_000_000)) {
            MessageScanner scanner = MessageScanner.builder(engine).scanTimeout(java.time.Duration.ZERO).cache(cache)
                .build();
            double[] times = new double[2];
            for (int pass = 0; pass < 2; pass++) {
                long start = System.nanoTime();
                for (byte[] message : messages) {
                    scanner.scan(new ByteArrayInputStream(message));
                }
                times[pass] = seconds(start);
            }
            long bytes = messages.stream().mapToLong(m -> m.length).sum();
            print("MessageScanner + built-in + object cache, 1 thread: first pass %.1f s (%.1f MB/s), second pass "
                + "%.1f s (%.1f MB/s, %d cache hits in all): %.1fx", times[0], bytes / MB / times[0], times[1],
                bytes / MB / times[1], cache.hits(), times[0] / times[1]);
        }
    }

    /** Two single-thread passes through the iChecker cache: SHA-256 of every object, scan only unknown ones. */
    private static void cachePasses(ScanEngine engine, List<CorpusObject> objects) throws Exception {
        try (ICheckerCache cache = ICheckerCache.inMemory(Math.max(1000, objects.size() * 2))) {
            double first = cachedPass(engine, cache, objects);
            long hitsAfterFirst = cache.hits();
            double second = cachedPass(engine, cache, objects);
            long bytes = objects.stream().mapToLong(o -> o.content().length).sum();
            print("built-in with object cache, 1 thread: first pass %.1f s (%.1f MB/s), second pass %.1f s "
                + "(%.1f MB/s, %d hits): %.1fx", first, bytes / MB / first, second, bytes / MB / second,
                cache.hits() - hitsAfterFirst, first / second);
        }
    }

    private static double cachedPass(ScanEngine engine, ICheckerCache cache, List<CorpusObject> objects)
        throws Exception {
        long start = System.nanoTime();
        String version = engine.databaseVersion();
        for (CorpusObject object : objects) {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(object.content());
            if (!cache.isKnownClean(sha256, version)) {
                if (engine.scan(object.content(), false).status() == ObjectStatus.CLEAN) {
                    cache.rememberClean(sha256, version);
                }
            }
        }
        return seconds(start);
    }

    private static void compare(List<CorpusObject> objects, Result builtin, Result clamd) {
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        int missedByBuiltin = 0;
        int missedByClamd = 0;
        for (int i = 0; i < objects.size(); i++) {
            EngineResult a = builtin.verdicts()[i];
            EngineResult b = clamd.verdicts()[i];
            String expected = objects.get(i).expectedSignature();
            if (expected != null && a.status() != ObjectStatus.INFECTED) {
                missedByBuiltin++;
            }
            if (expected != null && b.status() != ObjectStatus.INFECTED) {
                missedByClamd++;
            }
            if (a.status() == b.status()) {
                agree++;
            } else if (disagreements.size() < 5) {
                disagreements.add("#" + i + " " + objects.get(i).kind() + ": built-in " + a.status() + a.virusNames()
                    + ", clamd " + b.status() + b.virusNames());
            }
        }
        print("verdicts: same status for %d of %d objects; planted signatures missed: built-in %d, clamd %d%s",
            agree, objects.size(), missedByBuiltin, missedByClamd,
            disagreements.isEmpty() ? "" : "; first differences: " + disagreements);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
