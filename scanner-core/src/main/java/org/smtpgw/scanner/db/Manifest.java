package org.smtpgw.scanner.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The manifest of a signature database: its version, release time and the SHA-256 of every signature file. The
 * detached Ed25519 signature ({@value DatabaseLayout#SIGNATURE_FILE}) covers the manifest's exact bytes, so the
 * manifest vouches for every file it lists. The format is documented in {@code docs/avdb.md}:
 *
 * <pre>{@code
 * # smtpgw signature database manifest
 * format=1
 * version=2026112801
 * released=2026-11-28T12:00:00Z
 * file=3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b main.hdb
 * file=...                                                             main.ndb
 * }</pre>
 *
 * @param version  the database version, {@code [A-Za-z0-9._-]+}; part of the scanned-object cache key
 * @param released when the vendor released it (UTC)
 * @param files    the signature files, in load order
 */
public record Manifest(String version, Instant released, List<Entry> files) {
    public static final int FORMAT = 1;
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One signature file: its name inside the database directory and the lower-case hex SHA-256 of its bytes. */
    public record Entry(String name, String sha256) {
        public Entry {
            if (!FILE_NAME.matcher(name).matches() || name.equals(DatabaseLayout.MANIFEST_FILE)
                || name.equals(DatabaseLayout.SIGNATURE_FILE)) {
                throw new IllegalArgumentException("bad signature file name '" + name
                    + "': allowed are letters, digits, '.', '_', '-' (not starting with '.' or '-'), not the manifest's");
            }
            if (!SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("bad SHA-256 '" + sha256 + "' for " + name
                    + ": 64 lower-case hex digits expected");
            }
        }
    }

    public Manifest {
        Objects.requireNonNull(released, "released");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("bad database version '" + version
                + "': 1 to 64 letters, digits, '.', '_' or '-' expected");
        }
        files = List.copyOf(files);
        Set<String> names = new HashSet<>();
        for (Entry entry : files) {
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException("signature file " + entry.name() + " listed twice");
            }
        }
    }

    /** The manifest's bytes, exactly those that get signed. */
    public byte[] toBytes() {
        StringBuilder text = new StringBuilder()
            .append("# smtpgw signature database manifest\n")
            .append("format=").append(FORMAT).append('\n')
            .append("version=").append(version).append('\n')
            .append("released=").append(released).append('\n');
        for (Entry entry : files) {
            text.append("file=").append(entry.sha256()).append(' ').append(entry.name()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses manifest bytes. Only called after the signature over these bytes was checked, but strict all the same.
     *
     * @param source the manifest file, for messages
     */
    public static Manifest parse(byte[] bytes, Path source) throws DatabaseException {
        String format = null;
        String version = null;
        Instant released = null;
        List<Entry> files = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = "line " + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new DatabaseException(source, where + "'key=value' expected, got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            try {
                switch (key) {
                    case "format" -> format = value;
                    case "version" -> version = value;
                    case "released" -> released = Instant.parse(value);
                    case "file" -> {
                        int space = value.indexOf(' ');
                        if (space < 0) {
                            throw new IllegalArgumentException("'file=<sha256> <name>' expected");
                        }
                        files.add(new Entry(value.substring(space + 1).strip(), value.substring(0, space)));
                    }
                    default -> throw new IllegalArgumentException(
                        "unknown key '" + key + "': allowed are format, version, released, file");
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new DatabaseException(source, where + e.getMessage(), e);
            }
        }
        if (!String.valueOf(FORMAT).equals(format)) {
            throw new DatabaseException(source, "format=" + format + " is not supported: this smtpgw reads format="
                + FORMAT);
        }
        if (version == null || released == null) {
            throw new DatabaseException(source, "'version' and 'released' are required");
        }
        try {
            return new Manifest(version, released, files);
        } catch (IllegalArgumentException e) {
            throw new DatabaseException(source, e.getMessage(), e);
        }
    }
}
