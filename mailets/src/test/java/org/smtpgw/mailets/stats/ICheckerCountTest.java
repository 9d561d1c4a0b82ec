package org.smtpgw.mailets.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.TestDatabase;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.scan.Scan;
import org.smtpgw.mailets.scan.ScanEngineRegistry;
import org.smtpgw.mailets.stats.GatewayStatistics.Counter;

/**
 * {@code antiviral_checked_objects_through_ichecker}: the real Scan mailet with the scanned-object cache, then
 * {@link CountScanResults}.
 */
class ICheckerCountTest {
    @TempDir
    Path temp;

    private final GatewayStatistics statistics = new GatewayStatistics();

    @Test
    void countsTheObjectsTheCacheAnsweredOnTheSecondScanOfTheSameMessage() throws Exception {
        Scan scan = scan(true);
        CountScanResults count = new CountScanResults(statistics);
        count.init(FakeMailetConfig.builder().mailetName("CountScanResults").build());
        String rfc822 = TestMessages.multipart("report", "see the attachment", List.of(
            new TestMessages.Attachment("notes.txt", "text/plain", "nothing to see".getBytes(StandardCharsets.US_ASCII))));

        count.service(scanned(scan, rfc822));
        long afterFirst = statistics.get(Counter.CHECKED_OBJECTS_THROUGH_ICHECKER);
        count.service(scanned(scan, rfc822));

        assertThat(afterFirst).isZero();
        assertThat(statistics.get(Counter.CHECKED_OBJECTS_TOTAL)).isEqualTo(4);
        assertThat(statistics.get(Counter.CHECKED_OBJECTS_THROUGH_ICHECKER)).isEqualTo(2);
    }

    @Test
    void countsNothingThroughTheCacheWhenItIsOff() throws Exception {
        Scan scan = scan(false);
        CountScanResults count = new CountScanResults(statistics);
        count.init(FakeMailetConfig.builder().mailetName("CountScanResults").build());
        String rfc822 = TestMessages.plain("hello", "the same text twice");

        count.service(scanned(scan, rfc822));
        count.service(scanned(scan, rfc822));

        assertThat(statistics.get(Counter.CHECKED_OBJECTS_TOTAL)).isEqualTo(2);
        assertThat(statistics.get(Counter.CHECKED_OBJECTS_THROUGH_ICHECKER)).isZero();
    }

    private Scan scan(boolean iChecker) throws Exception {
        TestDatabase database = TestDatabase.create(temp);
        Scan scan = new Scan(new ScanEngineRegistry(), statistics);
        scan.init(FakeMailetConfig.builder().mailetName("Scan")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty(Scan.GROUP, "policy")
            .setProperty(Scan.DATABASE_PATH, database.directory().toString())
            .setProperty(Scan.TRUSTED_KEYS, database.publicKey().toString())
            .setProperty(Scan.USE_ICHECKER, String.valueOf(iChecker))
            .build());
        return scan;
    }

    private static Mail scanned(Scan scan, String rfc822) throws Exception {
        Mail mail = FakeMail.builder().name("mail1").sender("sender@example.org").recipient("rcpt@example.com")
            .state("group-policy").mimeMessage(TestMessages.parse(rfc822)).build();
        scan.service(mail);
        return mail;
    }
}
