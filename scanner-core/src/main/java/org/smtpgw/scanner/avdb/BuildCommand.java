package org.smtpgw.scanner.avdb;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.smtpgw.scanner.db.DatabaseBuilder;
import org.smtpgw.scanner.db.DatabaseException;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.Ed25519Keys;
import org.smtpgw.scanner.db.Manifest;
import org.smtpgw.scanner.db.ParseWarning;
import org.smtpgw.scanner.db.SignatureDatabase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "build", description = "Build a signed database directory from signature files "
    + "(.hdb, .hsb, .ndb; other files are copied and listed but skipped by the built-in engine).")
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--private-key", required = true, paramLabel = "FILE", description = "The PEM private key to sign with.")
    Path privateKey;

    @Option(names = "--db-version", required = true, paramLabel = "VERSION",
        description = "The database version: 1 to 64 letters, digits, '.', '_' or '-' (for example 2026112801).")
    String version;

    @Option(names = "--released", paramLabel = "INSTANT",
        description = "Release time, ISO-8601 UTC such as 2026-11-28T12:00:00Z. Default: now.")
    String released;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "The database directory to create; it must not exist or be empty.")
    Path out;

    @Option(names = "--strict", description = "Refuse (exit 1) when any signature line would be skipped.")
    boolean strict;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Signature files, loaded in this order.")
    List<Path> files;

    @Override
    public Integer call() throws IOException, DatabaseException {
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            err.println("avdb build: " + out + " exists and is not an empty directory; refusing to overwrite");
            return AvdbCommand.REFUSED;
        }
        DatabaseBuilder builder = new DatabaseBuilder(version);
        if (released != null) {
            try {
                builder.released(Instant.parse(released));
            } catch (DateTimeParseException e) {
                err.println("avdb build: --released '" + released + "' is not an ISO-8601 instant such as "
                    + "2026-11-28T12:00:00Z");
                return AvdbCommand.USAGE;
            }
        }
        for (Path file : files) {
            builder.addFile(file);
        }
        Manifest manifest;
        try {
            manifest = builder.writeTo(out, Ed25519Keys.readPrivateKey(privateKey));
        } catch (IllegalArgumentException e) {
            err.println("avdb build: " + e.getMessage());
            return AvdbCommand.REFUSED;
        }
        SignatureDatabase written = DatabaseLoader.inspect(out);
        for (ParseWarning warning : written.warnings()) {
            err.println("avdb build: skipped " + warning);
        }
        if (strict && written.counts().skipped() > 0) {
            err.println("avdb build: " + written.counts().skipped() + " signature lines or files would be skipped "
                + "(--strict); the database in " + out + " must not be published");
            return AvdbCommand.REFUSED;
        }
        spec.commandLine().getOut().println("built " + out + ": version " + manifest.version() + ", "
            + manifest.files().size() + " files, " + InfoCommand.describe(written.counts()));
        return AvdbCommand.OK;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
