package org.smtpgw.scanner.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads signature files in ClamAV's text formats into table builders. A line smtpgw cannot use becomes a
 * {@link ParseWarning} with file and line, and is skipped: signature feeds mix in types the built-in engine does
 * not implement, and one odd line must not cost the other million.
 *
 * <ul>
 *   <li>{@code .hdb} (and {@code .hdu}): {@code md5:size:name[:flevel]}</li>
 *   <li>{@code .hsb} (and {@code .hsu}): {@code sha1-or-sha256-or-md5:size:name[:flevel]}; size may be {@code *} in both</li>
 *   <li>{@code .ndb} (and {@code .ndu}): {@code name:target:offset:hexsig[:minflevel[:maxflevel]]}; every target type is
 *       accepted and treated as 0 (any file), the functionality levels are ignored</li>
 * </ul>
 * Empty lines and lines starting with {@code #} are skipped silently.
 */
final class SignatureFileParser {
    /** At most this many warnings are kept; the rest are only counted. */
    static final int MAX_WARNINGS = 1000;
    /** ClamAV types smtpgw knows about and skips as a whole file. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("ldb", "ldu", "mdb", "mdu", "msb", "msu", "cdb",
        "fp", "sfp", "ign", "ign2", "idb", "ftm", "crb", "pdb", "wdb", "cfg", "yar", "yara",
        "cbc", "info", "imp", "pwdb");

    private final Map<HashAlgorithm, HashSignatureTable.Builder> hashTables = new EnumMap<>(HashAlgorithm.class);
    private final BodySignatures.Builder bodies = new BodySignatures.Builder();
    private final List<ParseWarning> warnings = new ArrayList<>();
    private int warningCount;

    SignatureFileParser() {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            hashTables.put(algorithm, new HashSignatureTable.Builder(algorithm));
        }
    }

    /** Whether smtpgw reads signatures from a file of this name. */
    static boolean isSupported(String fileName) {
        String type = type(fileName);
        return type.equals("hdb") || type.equals("hsb") || type.equals("ndb");
    }

    /** The file's signature type; the PUA variants ({@code .hdu}, {@code .hsu}, {@code .ndu}) share their format. */
    static String type(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "hdu" -> "hdb";
            case "hsu" -> "hsb";
            case "ndu" -> "ndb";
            default -> extension;
        };
    }

    /** Reads one file's lines; {@code file} is for warnings. Files of other types are skipped with one warning. */
    void read(Path file, BufferedReader reader) throws IOException {
        String type = type(file.getFileName().toString());
        if (!isSupported(file.getFileName().toString())) {
            warn(file, 0, KNOWN_UNSUPPORTED.contains(type)
                ? "signature type ." + type + " is not supported by the built-in engine, file skipped"
                : "unknown file type, file skipped (supported: .hdb, .hsb, .ndb, .hdu, .hsu, .ndu)");
            while (reader.readLine() != null) {
                // Read to the end all the same: the caller's digest must cover the whole file.
            }
            return;
        }
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                if (type.equals("ndb")) {
                    parseBody(line);
                } else {
                    parseHash(line, type.equals("hdb"));
                }
            } catch (IllegalArgumentException e) {
                warn(file, number, e.getMessage());
            }
        }
    }

    private void parseHash(String line, boolean md5Only) {
        String[] fields = line.split(":", -1);
        if (fields.length < 3 || fields.length > 4) {
            throw new IllegalArgumentException("'hash:size:name' expected, got " + fields.length + " fields");
        }
        String hex = fields[0].strip().toLowerCase(Locale.ROOT);
        HashAlgorithm algorithm = HashAlgorithm.forHexLength(hex.length())
            .filter(a -> !md5Only || a == HashAlgorithm.MD5)
            .orElseThrow(() -> new IllegalArgumentException("hash of " + hex.length() + " hex digits: "
                + (md5Only ? ".hdb takes MD5 (32)" : ".hsb takes MD5 (32), SHA-1 (40) or SHA-256 (64)")));
        byte[] digest;
        try {
            digest = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hash '" + hex + "' is not hex");
        }
        long size = parseSize(fields[1].strip());
        String name = fields[2].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty signature name");
        }
        hashTables.get(algorithm).add(size, digest, name);
    }

    private static long parseSize(String field) {
        if (field.equals("*")) {
            return HashSignatureTable.ANY_SIZE;
        }
        try {
            long size = Long.parseLong(field);
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + field + "' is not a byte count or '*'");
        }
    }

    private void parseBody(String line) {
        String[] fields = line.split(":", -1);
        if (fields.length < 4 || fields.length > 6) {
            throw new IllegalArgumentException("'name:target:offset:hexsig[:minflevel[:maxflevel]]' expected, got "
                + fields.length + " fields");
        }
        String name = fields[0].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty signature name");
        }
        String target = fields[1].strip();
        if (target.isEmpty() || !target.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("target '" + target + "' is not a number");
        }
        bodies.add(name, BodyOffset.parse(fields[2].strip()), BodyPattern.parse(fields[3].strip()));
    }

    private void warn(Path file, int line, String message) {
        warningCount++;
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(new ParseWarning(file, line, message));
        }
    }

    HashSignatures hashSignatures() {
        Map<HashAlgorithm, HashSignatureTable> tables = new EnumMap<>(HashAlgorithm.class);
        hashTables.forEach((algorithm, builder) -> tables.put(algorithm, builder.build()));
        return new HashSignatures(tables);
    }

    BodySignatures bodySignatures() {
        return bodies.build();
    }

    List<ParseWarning> warnings() {
        return List.copyOf(warnings);
    }

    int warningCount() {
        return warningCount;
    }
}
