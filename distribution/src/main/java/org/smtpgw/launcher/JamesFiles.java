package org.smtpgw.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** James' configuration files (name to content), as generated from {@code smtpgw.conf}. */
public record JamesFiles(Map<String, String> files) {

    public JamesFiles {
        files = Map.copyOf(files);
    }

    public Optional<String> content(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** Replaces the content of {@code dir} by these files, so nothing of a previous configuration survives. */
    public void writeTo(Path dir) throws LaunchException {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        if (!path.equals(dir)) {
                            Files.delete(path);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new LaunchException(ExitCode.CRITICAL, "cannot write James configuration into " + dir + ": " + e.getMessage(), e);
        }
    }
}
