package org.smtpgw.scanner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.engine.ScanEngine;

/**
 * A test-only engine (the engine is not what these tests are about): reports {@code infected} with
 * {@link #VIRUS_NAME} when the content contains {@link #MARKER}, {@code disinfected} (with the marker replaced) for
 * {@link #CURABLE} when asked to cure, sleeps on {@link #SLOW}, and {@code infected} for content whose SHA-256 was
 * registered with {@link #infectedBySha256}. Records every content it is asked to scan.
 */
public class MarkerEngine implements ScanEngine {
    public static final String MARKER = "X-TEST-VIRUS-MARKER";
    public static final String VIRUS_NAME = "Test.Marker";
    public static final String CURABLE = "X-TEST-CURABLE-MARKER";
    public static final String SLOW = "X-TEST-SLOW-MARKER";

    private final List<byte[]> scanned = new ArrayList<>();
    private final Map<String, String> bySha256 = new HashMap<>();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private volatile Duration slowness = Duration.ofSeconds(30);

    public MarkerEngine infectedBySha256(byte[] sha256, String virusName) {
        synchronized (bySha256) {
            bySha256.put(Arrays.toString(sha256), virusName);
        }
        return this;
    }

    public MarkerEngine unavailable() {
        unavailable.set(true);
        return this;
    }

    public MarkerEngine slowness(Duration value) {
        slowness = value;
        return this;
    }

    @Override
    public EngineResult scan(byte[] content, boolean cure) throws EngineUnavailableException {
        synchronized (scanned) {
            scanned.add(content.clone());
        }
        if (unavailable.get()) {
            throw new EngineUnavailableException("test engine switched off");
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (text.contains(SLOW)) {
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String byHash;
        synchronized (bySha256) {
            byHash = bySha256.get(Arrays.toString(EngineInvoker.sha256(content)));
        }
        if (byHash != null) {
            return EngineResult.infected(List.of(byHash));
        }
        if (text.contains(CURABLE)) {
            return cure
                ? EngineResult.disinfected(List.of(VIRUS_NAME), text.replace(CURABLE, "CURED")
                    .getBytes(StandardCharsets.ISO_8859_1))
                : EngineResult.infected(List.of(VIRUS_NAME));
        }
        if (text.contains(MARKER)) {
            return EngineResult.infected(List.of(VIRUS_NAME));
        }
        return EngineResult.clean();
    }

    /** Every content scanned so far, in order. */
    public List<String> scannedTexts() {
        synchronized (scanned) {
            return scanned.stream().map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).toList();
        }
    }

    @Override
    public String name() {
        return "marker";
    }

    @Override
    public String databaseVersion() {
        return "test-1";
    }

    @Override
    public void close() {
    }
}
