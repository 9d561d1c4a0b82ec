package org.smtpgw.mailets.av;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.smtpgw.scanner.db.DatabaseBuilder;
import org.smtpgw.scanner.db.Ed25519Keys;

/** A real signed signature database in a directory, and the public key that verifies it. */
public record TestDatabase(Path directory, Path publicKey) {
    public static final String VERSION = "2026112801";
    /** A body signature matching the bytes "lazy dog". */
    public static final String LAZY_DOG_SIGNATURE = "Test.LazyDog:0:*:6c617a7920646f67\n";

    public static TestDatabase create(Path root) throws IOException {
        KeyPair pair = Ed25519Keys.generate();
        Path publicKey = root.resolve("vendor.pub");
        Ed25519Keys.write(pair, publicKey, root.resolve("vendor.key"));
        Path directory = Files.createDirectories(root.resolve("bases"));
        new DatabaseBuilder(VERSION).addFile("main.ndb", LAZY_DOG_SIGNATURE).writeTo(directory, pair.getPrivate());
        return new TestDatabase(directory, publicKey);
    }

    /** Writes a database signed by this key's private half into the directory (it was empty). */
    public static void signInto(TestDatabase database) throws IOException {
        Path privateKey = database.publicKey().resolveSibling("vendor.key");
        try {
            new DatabaseBuilder(VERSION).addFile("main.ndb", LAZY_DOG_SIGNATURE)
                .writeTo(database.directory(), Ed25519Keys.readPrivateKey(privateKey));
        } catch (org.smtpgw.scanner.db.DatabaseException e) {
            throw new IOException(e);
        }
    }

    /** A key and an empty database directory: the engine has no database to load. */
    public static TestDatabase missing(Path root) throws IOException {
        Files.createDirectories(root);
        KeyPair pair = Ed25519Keys.generate();
        Path publicKey = root.resolve("vendor.pub");
        Ed25519Keys.write(pair, publicKey, root.resolve("vendor.key"));
        return new TestDatabase(Files.createDirectories(root.resolve("empty-bases")), publicKey);
    }
}
