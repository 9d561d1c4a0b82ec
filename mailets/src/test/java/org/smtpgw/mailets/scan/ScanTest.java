package org.smtpgw.mailets.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.mailets.av.MutableClock;
import org.smtpgw.mailets.av.TestDatabase;
import org.smtpgw.mailets.av.TestMessages;
import org.smtpgw.mailets.av.TestMessages.Attachment;
import org.smtpgw.matchers.verdict.ScanResult;
import org.smtpgw.mailets.stats.GatewayStatistics;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.builtin.EicarVariant;
import org.smtpgw.scanner.model.ScannedObject;

class ScanTest {
    @TempDir
    Path temp;

    private TestDatabase database;
    private FakeMailContext context;
    private ScanEngineRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.create(temp);
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@gw.example")).build();
        registry = new ScanEngineRegistry();
    }

    private FakeMailetConfig.Builder config(TestDatabase db) {
        return FakeMailetConfig.builder()
            .mailetName("Scan")
            .mailetContext(context)
            .setProperty(Scan.DATABASE_PATH, db.directory().toString())
            .setProperty(Scan.TRUSTED_KEYS, db.publicKey().toString());
    }

    private Scan scan(FakeMailetConfig.Builder config) throws MessagingException {
        Scan scan = new Scan(registry);
        scan.init(config.build());
        return scan;
    }

    private static Mail mail(String rfc822) throws MessagingException {
        return FakeMail.builder().name("mail1").sender("sender@example.org").recipients("rcpt@example.com")
            .state("group-policy").mimeMessage(TestMessages.parse(rfc822)).build();
    }

    @Test
    void serviceShouldStoreInfectedVerdictForEicarAttachment() throws Exception {
        Mail mail = mail(TestMessages.multipart("hi", "hello", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar()))));

        scan(config(database).setProperty(Scan.GROUP, "partners")).service(mail);

        ScanResult result = VerdictAttributes.read(mail).orElseThrow();
        assertThat(result.group()).isEqualTo("partners");
        assertThat(result.engine()).isEqualTo("built-in " + TestDatabase.VERSION);
        assertThat(result.verdict().statuses()).containsExactlyInAnyOrder(ObjectStatus.CLEAN, ObjectStatus.INFECTED);
        ScannedObject infected = result.verdict().object("2").orElseThrow();
        assertThat(infected.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(infected.name()).contains("eicar.com");
        assertThat(infected.virusNames()).containsExactly(EicarVariant.VIRUS_NAME);
        assertThat(mail.getState()).isEqualTo("group-policy");
    }

    @Test
    void serviceShouldFindDatabaseSignatureInsideZip() throws Exception {
        Mail mail = mail(TestMessages.multipart("zip", "hello", List.of(new Attachment("docs.zip", "application/zip",
            TestMessages.zip("dir/readme.txt", "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII))))));

        scan(config(database)).service(mail);

        ScanResult result = VerdictAttributes.read(mail).orElseThrow();
        assertThat(result.verdict().object("2/dir/readme.txt").orElseThrow().virusNames()).containsExactly("Test.LazyDog");
        assertThat(result.verdict().worstStatusWithin("2")).contains(ObjectStatus.INFECTED);
    }

    @Test
    void serviceShouldNotLookInsideArchivesWhenScanArchivesIsFalse() throws Exception {
        Mail mail = mail(TestMessages.multipart("zip", "hello", List.of(new Attachment("docs.zip", "application/zip",
            TestMessages.zip("readme.txt", "lazy dog".getBytes(StandardCharsets.US_ASCII))))));

        scan(config(database).setProperty(Scan.SCAN_ARCHIVES, "false")).service(mail);

        assertThat(VerdictAttributes.statuses(mail)).containsOnly(ObjectStatus.CLEAN);
    }

    @Test
    void serviceShouldMarkCleanMessageClean() throws Exception {
        Mail mail = mail(TestMessages.plain("hello", "nothing to see"));

        scan(config(database)).service(mail);

        assertThat(VerdictAttributes.statuses(mail)).containsOnly(ObjectStatus.CLEAN);
        assertThat(VerdictAttributes.read(mail).orElseThrow().group()).isEqualTo(Scan.DEFAULT_GROUP);
    }

    @Test
    void serviceShouldGiveFilteredStatusToObjectsCaughtByIncludeByName() throws Exception {
        Mail mail = mail(TestMessages.multipart("exe", "hello", List.of(
            new Attachment("setup.EXE", "application/octet-stream", "MZ not really".getBytes(StandardCharsets.US_ASCII)),
            new Attachment("keep.exe", "application/octet-stream", "MZ".getBytes(StandardCharsets.US_ASCII)))));

        scan(config(database).setProperty(Scan.INCLUDE_BY_NAME, "*.exe").setProperty(Scan.EXCLUDE_BY_NAME, "keep.*"))
            .service(mail);

        ScanResult result = VerdictAttributes.read(mail).orElseThrow();
        assertThat(result.verdict().object("2").orElseThrow().status()).isEqualTo(ObjectStatus.FILTERED);
        assertThat(result.verdict().object("3").orElseThrow().status()).isEqualTo(ObjectStatus.CLEAN);
    }

    @Test
    void serviceShouldKeepCuredContentWhenCureIsOn() throws Exception {
        Mail mail = mail(TestMessages.multipart("cure", "hello", List.of(
            new Attachment("cure.com", "application/octet-stream", TestMessages.variant(EicarVariant.CURABLE)))));

        scan(config(database).setProperty(Scan.CURE, "yes")).service(mail);

        ScannedObject cured = VerdictAttributes.read(mail).orElseThrow().verdict().object("2").orElseThrow();
        assertThat(cured.status()).isEqualTo(ObjectStatus.DISINFECTED);
        assertThat(cured.curedContent()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(EicarVariant.CURED_CONTENT));
    }

    @Test
    void serviceShouldRequeueWithDelayAndGhostWhenEngineIsUnavailable() throws Exception {
        Mail mail = mail(TestMessages.plain("hello", "body"));

        scan(config(TestDatabase.missing(temp.resolve("other"))).setProperty(Scan.RETRY_DELAY, "120")).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(VerdictAttributes.isScanned(mail)).isFalse();
        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail retry = context.getSentMails().get(0);
        assertThat(retry.getState()).isEqualTo("group-policy");
        assertThat(retry.getRecipients()).containsExactly(new MailAddress("rcpt@example.com"));
        assertThat(retry.getDelay()).contains(new FakeMailContext.Delay(120_000, TimeUnit.MILLISECONDS));
    }

    @Test
    void serviceShouldRequeueWhenClamdIsNotListening() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Scan scan = scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.ENGINE, "clamd").setProperty(Scan.CLAMD_HOST, "127.0.0.1")
            .setProperty(Scan.CLAMD_PORT, String.valueOf(closedPort)));
        Mail mail = mail(TestMessages.plain("hello", "body"));

        scan.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(VerdictAttributes.isScanned(mail)).isFalse();
        assertThat(context.getSentMails()).singleElement()
            .satisfies(retry -> assertThat(retry.getState()).isEqualTo("group-policy"));
    }

    @Test
    void outageNoticeShouldBeSentOncePerOutageToTheConfiguredProcessor() throws Exception {
        Scan scan = scan(config(TestDatabase.missing(temp.resolve("other")))
            .setProperty(Scan.OUTAGE_NOTIFY_ADDRESS, "admin@gw.example")
            .setProperty(Scan.OUTAGE_NOTIFY_FROM, "smtpgw@gw.example"));

        scan.service(mail(TestMessages.plain("one", "body")));
        scan.service(mail(TestMessages.plain("two", "body")));

        MailAddress admin = new MailAddress("admin@gw.example");
        List<FakeMailContext.SentMail> notices = context.getSentMails().stream()
            .filter(sent -> sent.getRecipients().contains(admin)).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).getState()).isEqualTo(Scan.DEFAULT_OUTAGE_NOTIFY_PROCESSOR);
        assertThat(notices.get(0).getSender()).isEqualTo(new MailAddress("smtpgw@gw.example"));
        assertThat(notices.get(0).getMsg().getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(context.getSentMails()).hasSize(3);
    }

    @Test
    void outageNoticeShouldNameTheConfiguredHostnameNotTheMachine() throws Exception {
        Scan scan = scan(config(TestDatabase.missing(temp.resolve("other")))
            .setProperty(Scan.OUTAGE_NOTIFY_ADDRESS, "admin@gw.example")
            .setProperty(Scan.HOSTNAME, "mx-gw7.example.net"));

        scan.service(mail(TestMessages.plain("one", "body")));

        MailAddress admin = new MailAddress("admin@gw.example");
        javax.mail.internet.MimeMessage notice = context.getSentMails().stream()
            .filter(sent -> sent.getRecipients().contains(admin)).findFirst().orElseThrow().getMsg();
        assertThat(notice.getSubject()).isEqualTo("Anti-virus engine unavailable on mx-gw7.example.net: mail is waiting");
        String body = new String(notice.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("mail gateway mx-gw7.example.net cannot scan");
    }

    @Test
    void hostnameShouldDefaultToTheMachineName() throws Exception {
        Scan scan = scan(config(database));

        assertThat(scan.config().hostname()).isEqualTo(org.smtpgw.mailets.notify.Notifications.localHostName());
    }

    @Test
    void mailShouldBeScannedAgainOnceTheDatabaseIsThere() throws Exception {
        MutableClock clock = new MutableClock();
        registry = new ScanEngineRegistry(clock);
        Path later = temp.resolve("later");
        TestDatabase missing = TestDatabase.missing(later);
        Scan scan = scan(config(missing).setProperty(Scan.OUTAGE_NOTIFY_ADDRESS, "admin@gw.example"));
        Mail first = mail(TestMessages.plain("one", "body"));
        scan.service(first);
        assertThat(first.getState()).isEqualTo(Mail.GHOST);

        TestDatabase.signInto(missing);
        clock.advance(java.time.Duration.ofSeconds(31));
        Mail retried = mail(TestMessages.plain("one", "body"));
        scan.service(retried);

        assertThat(retried.getState()).isEqualTo("group-policy");
        assertThat(VerdictAttributes.statuses(retried)).containsOnly(ObjectStatus.CLEAN);
        EngineSpec spec = scan.config().engine();
        assertThat(registry.outageStarted(spec)).as("a new outage is reported again").isTrue();
    }

    @Test
    void scanMailetsWithEqualEngineParametersShouldShareOneEngine() throws Exception {
        scan(config(database).setProperty(Scan.GROUP, "a"));
        scan(config(database).setProperty(Scan.GROUP, "b").setProperty(Scan.CURE, "true"));

        EngineSpec spec = EngineSpec.builtin(database.directory(), List.of(database.publicKey()));
        assertThat(registry.engine(spec)).isSameAs(registry.engine(spec));
    }

    @Test
    void cleanObjectsShouldBeRememberedInTheICheckerFile() throws Exception {
        Path file = temp.resolve("ichecker.db");
        Scan scan = scan(config(database).setProperty(Scan.ICHECKER_FILE, file.toString()));

        scan.service(mail(TestMessages.plain("hello", "a clean body")));
        scan.destroy();

        assertThat(org.smtpgw.scanner.cache.ICheckerCache.open(file, 10).size()).isEqualTo(1);
    }

    @Test
    void initShouldRefuseDifferentSessionLimitsForOneEngine() throws Exception {
        scan(config(database).setProperty(Scan.ANTIVIRAL_SESSIONS, "10"));

        assertThatThrownBy(() -> scan(config(database).setProperty(Scan.GROUP, "b").setProperty(Scan.ANTIVIRAL_SESSIONS, "20")))
            .isInstanceOf(MailetException.class).hasMessageContaining("antiviralSessions").hasMessageContaining("10");
    }

    @Test
    void initShouldThrowOnSessionLimitOutOfRange() {
        assertThatThrownBy(() -> scan(config(database).setProperty(Scan.ANTIVIRAL_SESSIONS, "0")))
            .isInstanceOf(MailetException.class).hasMessageContaining("antiviralSessions").hasMessageContaining("1 to 1024");
    }

    @Test
    void initShouldThrowOnUnknownParameter() {
        assertThatThrownBy(() -> scan(config(database).setProperty("scanArchive", "true")))
            .isInstanceOf(MessagingException.class).hasMessageContaining("scanArchive");
    }

    @Test
    void initShouldThrowOnUnknownEngine() {
        assertThatThrownBy(() -> scan(config(database).setProperty(Scan.ENGINE, "kav")))
            .isInstanceOf(MailetException.class).hasMessageContaining("engine").hasMessageContaining("kav")
            .hasMessageContaining("builtin");
    }

    @Test
    void initShouldThrowWithoutDatabasePath() {
        assertThatThrownBy(() -> scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.TRUSTED_KEYS, database.publicKey().toString())))
            .isInstanceOf(MailetException.class).hasMessageContaining(Scan.DATABASE_PATH);
    }

    @Test
    void initShouldThrowWithoutTrustedKeys() {
        assertThatThrownBy(() -> scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.DATABASE_PATH, database.directory().toString())))
            .isInstanceOf(MailetException.class).hasMessageContaining(Scan.TRUSTED_KEYS);
    }

    @Test
    void initShouldThrowOnUnreadableKeyFile() {
        assertThatThrownBy(() -> scan(config(database).setProperty(Scan.TRUSTED_KEYS, temp.resolve("nope.pub").toString())))
            .isInstanceOf(MailetException.class).hasMessageContaining("nope.pub");
    }

    @Test
    void initShouldThrowOnRetryDelayOutOfRange() {
        assertThatThrownBy(() -> scan(config(database).setProperty(Scan.RETRY_DELAY, "0")))
            .isInstanceOf(MailetException.class).hasMessageContaining("retryDelay").hasMessageContaining("1 to 86400");
    }

    @Test
    void initShouldThrowOnInvalidBoolean() {
        assertThatThrownBy(() -> scan(config(database).setProperty(Scan.CURE, "maybe")))
            .isInstanceOf(MailetException.class).hasMessageContaining("cure").hasMessageContaining("maybe");
    }

    @Test
    void initShouldThrowOnInvalidOutageAddress() {
        assertThatThrownBy(() -> scan(config(database).setProperty(Scan.OUTAGE_NOTIFY_ADDRESS, "not an address")))
            .isInstanceOf(MailetException.class).hasMessageContaining(Scan.OUTAGE_NOTIFY_ADDRESS);
    }

    @Test
    void initShouldUseDocumentedDefaults() throws Exception {
        Scan scan = scan(config(database));

        Scan.Config config = scan.config();
        assertThat(config.scanArchives()).isTrue();
        assertThat(config.scanMailBases()).isTrue();
        assertThat(config.cure()).isFalse();
        assertThat(config.scanTimeout().toSeconds()).isEqualTo(Scan.DEFAULT_SCAN_TIMEOUT_SECONDS);
        assertThat(config.retryDelay().toSeconds()).isEqualTo(Scan.DEFAULT_RETRY_DELAY_SECONDS);
        assertThat(config.outageNotifyProcessor()).isEqualTo("transport");
        assertThat(config.antiviralSessions()).isEqualTo(Scan.DEFAULT_ANTIVIRAL_SESSIONS);
        assertThat(config.useIChecker()).isTrue();
        assertThat(config.iCheckerFile()).isEmpty();
    }

    @Test
    void initShouldThrowOnBlankClamdHost() {
        assertThatThrownBy(() -> scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.ENGINE, "clamd").setProperty(Scan.CLAMD_HOST, " ")))
            .isInstanceOf(MailetException.class).hasMessageContaining("clamdHost").hasMessageContaining("blank");
    }

    @Test
    void initShouldAcceptClamdEngineParameters() throws Exception {
        Scan scan = scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.ENGINE, "clamd").setProperty(Scan.CLAMD_PORT, "3311"));

        assertThat(scan.config().engine().describe()).isEqualTo("clamd at 127.0.0.1:3311");
    }

    @Test
    void clamdReadTimeoutShouldDefaultBelowTheScanTimeoutSoASilentClamdIsAnOutage() throws Exception {
        Scan scan = scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.ENGINE, "clamd").setProperty(Scan.SCAN_TIMEOUT, "20"));

        assertThat(scan.config().engine().readTimeout()).hasSeconds(10);
    }

    @Test
    void clamdReadTimeoutShouldDefaultToThirtySecondsWithTheDefaultScanTimeout() throws Exception {
        Scan scan = scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.ENGINE, "clamd"));

        assertThat(scan.config().engine().readTimeout()).hasSeconds(Scan.DEFAULT_CLAMD_READ_TIMEOUT_SECONDS);
    }

    @Test
    void initShouldThrowWhenClamdReadTimeoutIsNotShorterThanScanTimeout() {
        assertThatThrownBy(() -> scan(FakeMailetConfig.builder().mailetName("Scan").mailetContext(context)
            .setProperty(Scan.ENGINE, "clamd").setProperty(Scan.SCAN_TIMEOUT, "20")
            .setProperty(Scan.CLAMD_READ_TIMEOUT, "20")))
            .isInstanceOf(MailetException.class).hasMessageContaining("clamdReadTimeout")
            .hasMessageContaining("shorter than scanTimeout (20 s)");
    }

    @Test
    void serviceShouldCountAScanningSessionWhileItScans() throws Exception {
        GatewayStatistics statistics = new GatewayStatistics();
        Scan scan = new Scan(registry, statistics);
        scan.init(config(database).build());

        scan.service(mail(TestMessages.multipart("hi", "hello", List.of(
            new Attachment("eicar.com", "application/octet-stream", TestMessages.eicar())))));

        assertThat(statistics.snapshot())
            .containsEntry(GatewayStatistics.SESSIONS_MAXIMUM, 1L)
            .containsEntry(GatewayStatistics.SESSIONS_CURRENT, 0L);
    }
}
