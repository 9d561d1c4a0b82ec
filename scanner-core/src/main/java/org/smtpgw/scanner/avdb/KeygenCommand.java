package org.smtpgw.scanner.avdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import org.smtpgw.scanner.db.Ed25519Keys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen", description = "Write a new Ed25519 key pair as PEM files (the private key readable by "
    + "its owner only). Give the public key to the gateways and keepup2date; keep the private key offline.")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--public-key", required = true, paramLabel = "FILE", description = "Where to write the public key.")
    Path publicKey;

    @Option(names = "--private-key", required = true, paramLabel = "FILE",
        description = "Where to write the private key.")
    Path privateKey;

    @Option(names = "--force", description = "Overwrite existing key files.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        for (Path file : new Path[] {publicKey, privateKey}) {
            if (!force && Files.exists(file)) {
                spec.commandLine().getErr().println("avdb keygen: " + file
                    + " exists; refusing to overwrite a key (use --force)");
                return AvdbCommand.REFUSED;
            }
        }
        KeyPair pair = Ed25519Keys.generate();
        Ed25519Keys.write(pair, publicKey, privateKey);
        spec.commandLine().getOut().println("wrote " + publicKey + " and " + privateKey + ", key fingerprint "
            + Ed25519Keys.fingerprint(pair.getPublic()));
        return AvdbCommand.OK;
    }
}
