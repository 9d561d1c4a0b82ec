package org.smtpgw.scanner.avdb;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.smtpgw.scanner.db.DatabaseException;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.SignatureDatabase;
import org.smtpgw.scanner.db.TrustedKeys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = "Check a database as the gateway does: the manifest's signature by a "
    + "trusted key, every file's SHA-256, and the signature files' syntax. Exit 0 when it would load, 1 with the "
    + "reason when it would be refused.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
        description = "A trusted PEM public key; repeat for several.")
    List<Path> publicKeys;

    @Parameters(paramLabel = "DIR", description = "The database directory.")
    Path directory;

    @Override
    public Integer call() throws DatabaseException {
        SignatureDatabase db;
        try {
            db = new DatabaseLoader(TrustedKeys.fromFiles(publicKeys)).load(directory);
        } catch (DatabaseException e) {
            spec.commandLine().getErr().println("avdb verify: refused: " + e.getMessage());
            return AvdbCommand.REFUSED;
        }
        spec.commandLine().getOut().println("OK " + directory + ": version " + db.version() + ", released "
            + db.manifest().released() + ", " + InfoCommand.describe(db.counts()));
        return AvdbCommand.OK;
    }
}
