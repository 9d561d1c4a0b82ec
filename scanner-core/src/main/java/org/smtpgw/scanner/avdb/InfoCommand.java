package org.smtpgw.scanner.avdb;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.smtpgw.scanner.db.DatabaseException;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.ParseWarning;
import org.smtpgw.scanner.db.SignatureDatabase;
import org.smtpgw.scanner.db.TrustedKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", description = "Show a database's version, release time and signature counts. File "
    + "hashes are always checked; the manifest's signature only when --public-key is given.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--public-key", paramLabel = "FILE", description = "A trusted PEM public key; repeat for several.")
    List<Path> publicKeys = List.of();

    @Option(names = {"-w", "--warnings"}, description = "Also list the skipped signature lines.")
    boolean warnings;

    @Parameters(paramLabel = "DIR", description = "The database directory.")
    Path directory;

    @Override
    public Integer call() throws DatabaseException {
        SignatureDatabase db;
        try {
            db = publicKeys.isEmpty() ? DatabaseLoader.inspect(directory)
                : new DatabaseLoader(TrustedKeys.fromFiles(publicKeys)).load(directory);
        } catch (DatabaseException e) {
            spec.commandLine().getErr().println("avdb info: refused: " + e.getMessage());
            return AvdbCommand.REFUSED;
        }
        PrintWriter out = spec.commandLine().getOut();
        SignatureDatabase.Counts counts = db.counts();
        out.println("directory: " + directory);
        out.println("version:   " + db.version());
        out.println("released:  " + db.manifest().released());
        out.println("signature: " + (db.signatureChecked() ? "verified" : "not checked (no --public-key given)"));
        out.println("files:     " + db.manifest().files().size());
        out.println("md5:       " + counts.md5());
        out.println("sha1:      " + counts.sha1());
        out.println("sha256:    " + counts.sha256());
        out.println("body:      " + counts.body());
        out.println("skipped:   " + counts.skipped());
        if (warnings) {
            for (ParseWarning warning : db.warnings()) {
                out.println("skipped " + warning);
            }
        }
        return AvdbCommand.OK;
    }

    static String describe(SignatureDatabase.Counts counts) {
        return counts.md5() + " MD5, " + counts.sha1() + " SHA-1, " + counts.sha256() + " SHA-256, " + counts.body()
            + " body signatures, " + counts.skipped() + " skipped";
    }
}
