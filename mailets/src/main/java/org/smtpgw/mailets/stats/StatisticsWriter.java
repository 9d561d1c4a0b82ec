package org.smtpgw.mailets.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Renders {@link GatewayStatistics} as the manual's statistics file ({@code StatFilename}, A.5): one
 * {@code name=value} line per value. {@link #asMap} gives the same values for JSON.
 */
public final class StatisticsWriter {
    private final GatewayStatistics statistics;

    public StatisticsWriter(GatewayStatistics statistics) {
        this.statistics = statistics;
    }

    /** {@code name=value} lines, each ending with a newline. */
    public String render() {
        StringBuilder out = new StringBuilder();
        statistics.snapshot().forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        return out.toString();
    }

    public Map<String, Long> asMap() {
        return statistics.snapshot();
    }

    /**
     * Writes the file whole: to a temporary file next to it, then renamed over it, so a reader never sees half a
     * file. Missing parent directories are created.
     */
    public void writeTo(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, render(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
