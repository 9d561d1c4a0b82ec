package org.smtpgw.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.smtpgw.server.control.ControlSettings;

/**
 * What the last configuration reload of the running server gave ({@code var/run/smtpgw.reload}): how many reloads
 * were done since it started, the result and its message, and what the server runs: its configuration file, its
 * ControlPath and StatFilename. The server writes it; {@code smtpgwctl} reads it to reach the server where it
 * really listens (even when smtpgw.conf was edited since) and to know when a reload is done and how it went.
 */
public record ReloadStatus(long pid, long count, Result result, String message, Path confFile,
                           ControlSettings control) {
    static final String FILE = "var/run/smtpgw.reload";

    public enum Result {
        /** The server started; no reload yet. */
        STARTED,
        /** The new configuration is in service. */
        OK,
        /** The configuration file is invalid or unreadable; the server runs on with the configuration it had. */
        INVALID,
        /** The new configuration did not start; the previous one runs again. */
        FAILED,
        /** Neither the new nor the previous configuration started: the server stops. */
        STOPPED
    }

    static Path file(Path home) {
        return home.resolve(FILE);
    }

    /** Writes the file whole (temporary file, then renamed), so a reader never sees half of it. */
    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("count", Long.toString(count));
        properties.setProperty("result", result.name().toLowerCase(Locale.ROOT));
        properties.setProperty("message", message);
        properties.setProperty("conf", confFile.toString());
        properties.setProperty("controlPath", control.controlPath().toString());
        properties.setProperty("statFile", control.statFile().toString());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(out, "smtpgw: outcome of the last configuration reload");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The status in {@code file}, empty when there is none (or it cannot be read). */
    static Optional<ReloadStatus> read(Path file) {
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return Optional.of(new ReloadStatus(Long.parseLong(properties.getProperty("pid", "0")),
                Long.parseLong(properties.getProperty("count", "0")),
                Result.valueOf(properties.getProperty("result", "started").toUpperCase(Locale.ROOT)),
                properties.getProperty("message", ""),
                Path.of(properties.getProperty("conf")),
                new ControlSettings(Path.of(properties.getProperty("controlPath")),
                    Path.of(properties.getProperty("statFile")))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Half-written by an older version, or hand-edited: as if there were none.
            return Optional.empty();
        }
    }
}
