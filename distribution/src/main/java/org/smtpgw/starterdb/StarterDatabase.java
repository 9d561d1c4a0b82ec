package org.smtpgw.starterdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.smtpgw.scanner.db.DatabaseBuilder;
import org.smtpgw.scanner.db.Ed25519Keys;
import org.smtpgw.scanner.db.Manifest;

/**
 * Makes the starter signature database of the distribution at build time (run by exec-maven-plugin in
 * {@code prepare-package}): a fresh Ed25519 key pair signs a small database, the public key is shipped as
 * {@code conf/trusted-keys/starter.pub} and the private key is never written anywhere, so nobody can sign another
 * database with it. A real deployment trusts its vendor's key and gets its databases from {@code keepup2date}.
 *
 * <p>The database only holds test signatures (the EICAR family is recognised by the built-in engine itself); it is
 * there so that a freshly unpacked gateway has a database in service and scans instead of holding mail back.
 *
 * <pre>
 * java org.smtpgw.starterdb.StarterDatabase OUTPUT_DIR
 *   writes OUTPUT_DIR/bases/ (the database) and OUTPUT_DIR/trusted-keys/starter.pub
 * </pre>
 */
public final class StarterDatabase {

    /** A harmless test object that only this database detects, for checking that a database is in service. */
    public static final String TEST_OBJECT = "SMTPGW-STARTER-DATABASE-TEST-OBJECT";
    public static final String TEST_SIGNATURE_NAME = "Smtpgw.Test.StarterDatabase";

    private StarterDatabase() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StarterDatabase OUTPUT_DIR");
            System.exit(64);
        }
        Manifest m = write(Path.of(args[0]));
        System.out.println("starter database " + m.version() + " written to " + Path.of(args[0]).toAbsolutePath());
    }

    /** Writes {@code out/bases/} and {@code out/trusted-keys/starter.pub}; returns the database's manifest. */
    public static Manifest write(Path out) throws IOException {
        KeyPair keys = Ed25519Keys.generate();
        Path keyDir = Files.createDirectories(out.resolve("trusted-keys"));
        Files.writeString(keyDir.resolve("starter.pub"), publicPem(keys), StandardCharsets.US_ASCII);
        String version = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "00";
        String hex = HexFormat.of().formatHex(TEST_OBJECT.getBytes(StandardCharsets.US_ASCII));
        return new DatabaseBuilder(version)
            .addFile("starter.ndb", TEST_SIGNATURE_NAME + ":0:*:" + hex + "\n")
            .writeTo(out.resolve("bases"), keys.getPrivate());
    }

    /** Ed25519Keys writes both halves to files; only the public one may leave this process. */
    private static String publicPem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    }
}
