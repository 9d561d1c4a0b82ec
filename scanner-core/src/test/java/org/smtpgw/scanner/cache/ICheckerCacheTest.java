package org.smtpgw.scanner.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ICheckerCacheTest {
    @TempDir
    Path dir;

    private static byte[] sha(String content) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rememberedObjectIsKnownCleanForTheSameDatabaseVersion() throws Exception {
        ICheckerCache cache = ICheckerCache.inMemory(10);

        cache.rememberClean(sha("a"), "1");

        assertThat(cache.isKnownClean(sha("a"), "1")).isTrue();
        assertThat(cache.isKnownClean(sha("b"), "1")).isFalse();
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void newDatabaseVersionInvalidatesEarlierEntries() throws Exception {
        ICheckerCache cache = ICheckerCache.inMemory(10);
        cache.rememberClean(sha("a"), "1");

        assertThat(cache.isKnownClean(sha("a"), "2")).isFalse();
    }

    @Test
    void cacheSurvivesRestart() throws Exception {
        Path file = dir.resolve("smtpgw.sfdb");
        try (ICheckerCache cache = ICheckerCache.open(file, 10)) {
            cache.rememberClean(sha("a"), "1");
            cache.rememberClean(sha("b"), "2");
        }

        ICheckerCache reopened = ICheckerCache.open(file, 10);

        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.isKnownClean(sha("a"), "1")).isTrue();
        assertThat(reopened.isKnownClean(sha("b"), "2")).isTrue();
        assertThat(reopened.isKnownClean(sha("b"), "1")).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void sizeBoundEvictsLeastRecentlyUsed() throws Exception {
        ICheckerCache cache = ICheckerCache.inMemory(3);
        cache.rememberClean(sha("a"), "1");
        cache.rememberClean(sha("b"), "1");
        cache.rememberClean(sha("c"), "1");
        cache.isKnownClean(sha("a"), "1");

        cache.rememberClean(sha("d"), "1");

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.isKnownClean(sha("b"), "1")).isFalse();
        assertThat(cache.isKnownClean(sha("a"), "1")).isTrue();
        assertThat(cache.isKnownClean(sha("c"), "1")).isTrue();
        assertThat(cache.isKnownClean(sha("d"), "1")).isTrue();
    }

    @Test
    void reopeningWithSmallerBoundKeepsMostRecentEntries() throws Exception {
        Path file = dir.resolve("cache");
        try (ICheckerCache cache = ICheckerCache.open(file, 10)) {
            for (String s : new String[] {"a", "b", "c", "d"}) {
                cache.rememberClean(sha(s), "1");
            }
        }

        ICheckerCache reopened = ICheckerCache.open(file, 2);

        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.isKnownClean(sha("c"), "1")).isTrue();
        assertThat(reopened.isKnownClean(sha("d"), "1")).isTrue();
        assertThat(reopened.isKnownClean(sha("a"), "1")).isFalse();
    }

    @Test
    void corruptCacheFileIsDiscarded() throws Exception {
        Path file = dir.resolve("cache");
        try (ICheckerCache cache = ICheckerCache.open(file, 10)) {
            cache.rememberClean(sha("a"), "1");
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        ICheckerCache reopened = ICheckerCache.open(file, 10);

        assertThat(reopened.size()).isZero();
        assertThat(reopened.isKnownClean(sha("a"), "1")).isFalse();
    }

    @Test
    void truncatedOrForeignCacheFileIsDiscarded() throws Exception {
        Path file = dir.resolve("cache");
        try (ICheckerCache cache = ICheckerCache.open(file, 10)) {
            cache.rememberClean(sha("a"), "1");
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThat(ICheckerCache.open(file, 10).size()).isZero();

        Files.writeString(file, "hello, not a cache");
        assertThat(ICheckerCache.open(file, 10).size()).isZero();
    }

    @Test
    void discardedFileIsRewrittenOnNextFlush() throws Exception {
        Path file = dir.resolve("cache");
        Files.writeString(file, "garbage garbage garbage garbage garbage garbage");
        try (ICheckerCache cache = ICheckerCache.open(file, 10)) {
            cache.rememberClean(sha("x"), "7");
        }

        assertThat(ICheckerCache.open(file, 10).isKnownClean(sha("x"), "7")).isTrue();
    }

    @Test
    void rejectsNonSha256Keys() {
        ICheckerCache cache = ICheckerCache.inMemory(1);

        assertThatThrownBy(() -> cache.rememberClean(new byte[16], "1")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ICheckerCache.inMemory(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxEntries must be at least 1, was 0");
    }
}
