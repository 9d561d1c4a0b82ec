package org.smtpgw.starterdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.scanner.db.DatabaseException;
import org.smtpgw.scanner.db.DatabaseLoader;
import org.smtpgw.scanner.db.Ed25519Keys;
import org.smtpgw.scanner.db.SignatureDatabase;
import org.smtpgw.scanner.db.TrustedKeys;

class StarterDatabaseTest {

    @TempDir
    Path out;

    @Test
    void writtenDatabaseShouldBeAcceptedWithTheShippedKeyAndDetectItsTestObject() throws Exception {
        StarterDatabase.write(out);

        SignatureDatabase db = new DatabaseLoader(TrustedKeys.fromFiles(List.of(out.resolve("trusted-keys/starter.pub"))))
            .load(out.resolve("bases"));

        assertThat(db.signatureChecked()).isTrue();
        assertThat(db.match(StarterDatabase.TEST_OBJECT.getBytes(StandardCharsets.US_ASCII)))
            .containsExactly(StarterDatabase.TEST_SIGNATURE_NAME);
        assertThat(db.match("hello".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void noPrivateKeyShouldBeWrittenAnywhere() throws Exception {
        StarterDatabase.write(out);

        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString())
                    .doesNotContain("PRIVATE KEY");
            }
        }
    }

    @Test
    void eachBuildShouldUseItsOwnKey() throws Exception {
        StarterDatabase.write(out.resolve("a"));
        StarterDatabase.write(out.resolve("b"));

        assertThat(Ed25519Keys.readPublicKey(out.resolve("a/trusted-keys/starter.pub")))
            .isNotEqualTo(Ed25519Keys.readPublicKey(out.resolve("b/trusted-keys/starter.pub")));
        assertThatThrownBy(() -> new DatabaseLoader(TrustedKeys.fromFiles(List.of(out.resolve("a/trusted-keys/starter.pub"))))
            .load(out.resolve("b/bases"))).isInstanceOf(DatabaseException.class);
    }
}
