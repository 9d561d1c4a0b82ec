package org.smtpgw.scanner.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the small ClamAV-format feed in {@code src/test/resources/db/feed/} (every supported syntax, and lines of
 * each unsupported kind) and compares the skipped lines with {@code db/feed-warnings.txt}. When they differ, the
 * actual list is written to {@code target/feed-warnings.txt.actual} for review.
 */
class SampleFeedTest {
    private static final KeyPair KEYS = Ed25519Keys.generate();

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SampleFeedTest.class.getResource("/db/" + name).toURI());
    }

    private SignatureDatabase loadFeed() throws Exception {
        DatabaseBuilder builder = new DatabaseBuilder("feed-1");
        for (String file : List.of("sample.hdb", "sample.hsb", "sample.ndb", "sample.ndu", "sample.ldb")) {
            builder.addFile(resource("feed/" + file));
        }
        builder.writeTo(dir, KEYS.getPrivate());
        return new DatabaseLoader(TrustedKeys.of(KEYS.getPublic())).load(dir);
    }

    private static byte[] object(char letter) {
        return ("smtpgw sample object " + letter + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void feedLoadsWithExpectedCounts() throws Exception {
        SignatureDatabase.Counts counts = loadFeed().counts();

        assertThat(counts).isEqualTo(new SignatureDatabase.Counts(2, 1, 1, 8, 7));
    }

    @Test
    void feedMatchesEachSampleObjectWithTheRightSignatures() throws Exception {
        SignatureDatabase db = loadFeed();

        assertThat(db.match(object('A'))).containsExactlyInAnyOrder("Sample.Hash.A", "Sample.Body.Plain",
            "Sample.Body.Alt", "Sample.Body.Range", "Sample.Pua");
        assertThat(db.match(object('B'))).containsExactlyInAnyOrder("Sample.Hash.B", "Sample.Body.Plain",
            "Sample.Body.Alt", "Sample.Body.Range", "Sample.Body.Nibble", "Sample.Pua");
        assertThat(db.match(object('C'))).containsExactlyInAnyOrder("Sample.Hash.C", "Sample.Body.Plain",
            "Sample.Body.Wild", "Sample.Body.Alt", "Sample.Body.EOF", "Sample.Body.Range", "Sample.Pua");
        assertThat(db.match("nothing to see".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void skippedLinesAreThoseListedInTheExpectedFile() throws Exception {
        String actual = loadFeed().warnings().stream().map(ParseWarning::toString)
            .collect(Collectors.joining("\n", "", "\n"));
        String expected = Files.readString(resource("feed-warnings.txt"));

        if (!actual.equals(expected)) {
            Path written = Path.of("target", "feed-warnings.txt.actual");
            Files.writeString(written, actual);
            fail("skipped lines differ from db/feed-warnings.txt; actual list written to " + written.toAbsolutePath());
        }
    }
}
