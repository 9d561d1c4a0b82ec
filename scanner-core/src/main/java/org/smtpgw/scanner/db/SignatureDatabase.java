package org.smtpgw.scanner.db;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A loaded, verified signature database: immutable and shared by all scanning threads. Obtain one from
 * {@link DatabaseLoader}; keep the one in service in a {@link DatabaseHolder}.
 */
public final class SignatureDatabase {
    private final Path directory;
    private final Manifest manifest;
    private final HashSignatures hashes;
    private final BodySignatures bodies;
    private final List<ParseWarning> warnings;
    private final int warningCount;
    private final boolean signatureChecked;

    SignatureDatabase(Path directory, Manifest manifest, HashSignatures hashes, BodySignatures bodies,
                      List<ParseWarning> warnings, int warningCount, boolean signatureChecked) {
        this.directory = directory;
        this.manifest = manifest;
        this.hashes = hashes;
        this.bodies = bodies;
        this.warnings = List.copyOf(warnings);
        this.warningCount = warningCount;
        this.signatureChecked = signatureChecked;
    }

    public Path directory() {
        return directory;
    }

    public Manifest manifest() {
        return manifest;
    }

    public String version() {
        return manifest.version();
    }

    /** The skipped lines and files (at most {@value SignatureFileParser#MAX_WARNINGS} of them). */
    public List<ParseWarning> warnings() {
        return warnings;
    }

    /** Whether the manifest's signature was checked ({@code false} only for {@link DatabaseLoader#inspect}). */
    public boolean signatureChecked() {
        return signatureChecked;
    }

    public Counts counts() {
        return new Counts(hashes.count(HashAlgorithm.MD5), hashes.count(HashAlgorithm.SHA1),
            hashes.count(HashAlgorithm.SHA256), bodies.size(), warningCount);
    }

    /** The names of all signatures matching {@code content}: hash signatures first, then body signatures. */
    public List<String> match(byte[] content) {
        LinkedHashSet<String> names = new LinkedHashSet<>(hashes.match(content));
        names.addAll(bodies.match(content));
        return new ArrayList<>(names);
    }

    /**
     * How many signatures of each kind were loaded.
     *
     * @param skipped lines or files skipped with a warning
     */
    public record Counts(int md5, int sha1, int sha256, int body, int skipped) {
        public int total() {
            return md5 + sha1 + sha256 + body;
        }
    }
}
