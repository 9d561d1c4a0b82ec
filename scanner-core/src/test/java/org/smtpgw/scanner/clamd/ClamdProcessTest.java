package org.smtpgw.scanner.clamd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The test fixture fails loudly, rather than skipping, when clamd is not installed. */
class ClamdProcessTest {

    @Test
    void startShouldFailWithTheInstallHintWhenClamdIsMissing(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> SignatureFixtures.clamdOptions().binary(dir.resolve("clamd")).start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("apt-get install clamav-daemon (CI does)");
    }
}
