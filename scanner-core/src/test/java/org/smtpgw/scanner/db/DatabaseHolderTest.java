package org.smtpgw.scanner.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseHolderTest {
    private static final KeyPair VENDOR = Ed25519Keys.generate();
    private static final byte[] SAMPLE = "lazy dog".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final DatabaseLoader loader = new DatabaseLoader(TrustedKeys.of(VENDOR.getPublic()));

    @Test
    void currentShouldBeEmptyBeforeFirstLoad() {
        assertThat(new DatabaseHolder(loader, dir).current()).isEmpty();
    }

    @Test
    void reloadShouldPutNewDatabaseInService() throws Exception {
        DatabaseHolder holder = new DatabaseHolder(loader, dir);
        new DatabaseBuilder("1").addFile("a.ndb", "Old:0:*:6c617a79\n").writeTo(dir, VENDOR.getPrivate());
        holder.reload();
        new DatabaseBuilder("2").addFile("a.ndb", "New:0:*:646f67\n").writeTo(dir, VENDOR.getPrivate());

        holder.reload();

        assertThat(holder.current()).hasValueSatisfying(db -> {
            assertThat(db.version()).isEqualTo("2");
            assertThat(db.match(SAMPLE)).containsExactly("New");
        });
    }

    @Test
    void failedReloadShouldKeepPreviousDatabaseInService() throws Exception {
        DatabaseHolder holder = new DatabaseHolder(loader, dir);
        new DatabaseBuilder("1").addFile("a.ndb", "Old:0:*:6c617a79\n").writeTo(dir, VENDOR.getPrivate());
        holder.reload();
        new DatabaseBuilder("2").addFile("a.ndb", "New:0:*:646f67\n").writeTo(dir, VENDOR.getPrivate());
        Files.writeString(dir.resolve("a.ndb"), "Tampered:0:*:646f67\n");

        assertThatThrownBy(holder::reload).isInstanceOf(DatabaseException.class).hasMessageContaining("a.ndb");

        assertThat(holder.current()).hasValueSatisfying(db -> {
            assertThat(db.version()).isEqualTo("1");
            assertThat(db.match(SAMPLE)).containsExactly("Old");
        });
    }

    @Test
    void scanHoldingTheOldDatabaseKeepsItAcrossReload() throws Exception {
        DatabaseHolder holder = new DatabaseHolder(loader, dir);
        new DatabaseBuilder("1").addFile("a.ndb", "Old:0:*:6c617a79\n").writeTo(dir, VENDOR.getPrivate());
        SignatureDatabase inFlight = holder.reload();
        new DatabaseBuilder("2").addFile("a.ndb", "New:0:*:646f67\n").writeTo(dir, VENDOR.getPrivate());

        holder.reload();

        assertThat(inFlight.match(SAMPLE)).containsExactly("Old");
        assertThat(holder.current().orElseThrow().version()).isEqualTo("2");
    }
}
