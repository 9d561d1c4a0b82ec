package org.smtpgw.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smtpgw.scanner.MarkerEngine.MARKER;
import static org.smtpgw.scanner.MarkerEngine.VIRUS_NAME;
import static org.smtpgw.scanner.TestArchives.entries;
import static org.smtpgw.scanner.TestMails.attachment;
import static org.smtpgw.scanner.TestMails.multipart;
import static org.smtpgw.scanner.TestMails.stream;
import static org.smtpgw.scanner.TestMails.textPart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.filter.MaskFilter;
import org.smtpgw.scanner.filter.ObjectFilter;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ScannedObject;

class MessageScannerTest {
    private final MarkerEngine engine = new MarkerEngine();
    private final MessageScanner scanner = MessageScanner.builder(engine).build();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, ObjectStatus> statusByPath(MessageVerdict verdict) {
        Map<String, ObjectStatus> byPath = new java.util.LinkedHashMap<>();
        verdict.objects().forEach(object -> byPath.put(object.path().toString(), object.status()));
        return byPath;
    }

    private ScannedObject object(MessageVerdict verdict, String path) {
        return verdict.object(path).orElseThrow(() -> new AssertionError("no object " + path + " in " + verdict));
    }

    @Test
    void scanShouldDecodeEachTransferEncodingBeforeScanning() throws Exception {
        MessageVerdict verdict = scanner.scan(TestMails.resource("encodings.eml"));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.INFECTED),   // quoted-printable, marker split by a soft line break
            Map.entry("2", ObjectStatus.INFECTED),   // base64
            Map.entry("3", ObjectStatus.INFECTED),   // x-uuencode
            Map.entry("4", ObjectStatus.CLEAN));     // 7bit
        assertThat(object(verdict, "3").name()).contains("uu.bin");
        assertThat(object(verdict, "3").size()).isEqualTo(("uuencoded " + MARKER).length());
        assertThat(verdict.virusNames()).containsExactly(VIRUS_NAME);
    }

    @Test
    void scanShouldDecodeFileNamesLikeMailClients() throws Exception {
        MessageVerdict verdict = scanner.scan(TestMails.resource("names.eml"));

        assertThat(verdict.objects()).extracting(ScannedObject::name).containsExactly(
            Optional.of("\u20ac rate+plan.exe"),   // RFC 2231 extended value; '+' stays a plus
            Optional.of("long name.pdf"),          // RFC 2231 continuations, first one encoded
            Optional.of("\u00e9chec.zip"),         // RFC 2047 encoded word in a quoted filename
            Optional.of("report.doc"),             // Content-Type name only
            Optional.of("extended.txt"),           // extended filename* wins over plain filename
            Optional.empty());
        assertThat(verdict.objects()).extracting(ScannedObject::declaredType).containsExactly(
            "application/octet-stream", "application/pdf", "application/zip", "application/msword",
            "application/octet-stream", "text/plain");
    }

    @Test
    void scanShouldNumberNestedMessagePartsAsImapDoes() throws Exception {
        MessageVerdict verdict = scanner.scan(TestMails.resource("nested-rfc822.eml"));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN),
            Map.entry("2", ObjectStatus.INFECTED),       // the attached message: worst of what it holds
            Map.entry("2.1", ObjectStatus.CLEAN),
            Map.entry("2.2", ObjectStatus.INFECTED),
            Map.entry("2.3", ObjectStatus.CLEAN),        // a message attached to the attached message
            Map.entry("2.3.1", ObjectStatus.CLEAN));     // its single-part body
        assertThat(object(verdict, "2").name()).contains("fwd.eml");
        assertThat(object(verdict, "2").virusNames()).containsExactly(VIRUS_NAME);
        assertThat(verdict.statusByTopLevelPart()).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN), Map.entry("2", ObjectStatus.INFECTED));
        assertThat(verdict.worstStatusWithin("2.3")).contains(ObjectStatus.CLEAN);
    }

    @Test
    void scanShouldFindUuencodedBlocksInATextBody() throws Exception {
        MessageVerdict verdict = scanner.scan(TestMails.resource("uuencoded-in-body.eml"));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.INFECTED),
            Map.entry("1/virus.com", ObjectStatus.INFECTED),
            Map.entry("1/notes.txt", ObjectStatus.CLEAN));
        assertThat(engine.scannedTexts()).contains("just notes");
    }

    @Test
    void scanShouldScanTheMessagesOfAnAttachedMailbox() throws Exception {
        MessageVerdict verdict = scanner.scan(TestMails.resource("mbox-attachment.eml"));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN),
            Map.entry("2", ObjectStatus.INFECTED),
            Map.entry("2/message-1", ObjectStatus.CLEAN),
            Map.entry("2/message-1/1", ObjectStatus.CLEAN),
            Map.entry("2/message-2", ObjectStatus.INFECTED),
            Map.entry("2/message-2/1", ObjectStatus.CLEAN),
            Map.entry("2/message-2/2", ObjectStatus.INFECTED));
        assertThat(engine.scannedTexts()).anyMatch(text -> text.contains("\nFrom the mbox quoting"));
    }

    @Test
    void scanShouldNotOpenMailboxesWhenScanMailBasesIsOff() throws Exception {
        MessageVerdict verdict = MessageScanner.builder(engine).scanMailBases(false).build()
            .scan(TestMails.resource("mbox-attachment.eml"));

        assertThat(statusByPath(verdict)).containsOnlyKeys("1", "2");
    }

    @Test
    void scanShouldOpenEachArchiveFormat() throws Exception {
        byte[] virus = bytes("payload " + MARKER);
        Map<String, byte[]> files = entries("docs/readme.txt", "clean readme", "docs/a.exe", virus);
        String mail = multipart(
            textPart("archives attached"),
            attachment("application/zip", "a.zip", TestArchives.zip(files)),
            attachment("application/x-tar", "a.tar", TestArchives.tar(files)),
            attachment("application/gzip", "a.tar.gz", TestArchives.gzip(TestArchives.tar(files), null)),
            attachment("application/gzip", "b.exe.gz", TestArchives.gzip(virus, null)),
            attachment("application/x-bzip2", "c.exe.bz2", TestArchives.bzip2(virus)),
            attachment("application/x-xz", "d.exe.xz", TestArchives.xz(virus)),
            attachment("application/x-7z-compressed", "e.7z", TestArchives.sevenZ(files)));

        MessageVerdict verdict = scanner.scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN),
            Map.entry("2", ObjectStatus.INFECTED),
            Map.entry("2/docs/readme.txt", ObjectStatus.CLEAN),
            Map.entry("2/docs/a.exe", ObjectStatus.INFECTED),
            Map.entry("3", ObjectStatus.INFECTED),
            Map.entry("3/docs/readme.txt", ObjectStatus.CLEAN),
            Map.entry("3/docs/a.exe", ObjectStatus.INFECTED),
            Map.entry("4", ObjectStatus.INFECTED),
            Map.entry("4/a.tar", ObjectStatus.INFECTED),
            Map.entry("4/a.tar/docs/readme.txt", ObjectStatus.CLEAN),
            Map.entry("4/a.tar/docs/a.exe", ObjectStatus.INFECTED),
            Map.entry("5", ObjectStatus.INFECTED),
            Map.entry("5/b.exe", ObjectStatus.INFECTED),
            Map.entry("6", ObjectStatus.INFECTED),
            Map.entry("6/c.exe", ObjectStatus.INFECTED),
            Map.entry("7", ObjectStatus.INFECTED),
            Map.entry("7/d.exe", ObjectStatus.INFECTED),
            Map.entry("8", ObjectStatus.INFECTED),
            Map.entry("8/docs/readme.txt", ObjectStatus.CLEAN),
            Map.entry("8/docs/a.exe", ObjectStatus.INFECTED));
        assertThat(object(verdict, "2").detectedType()).isEqualTo("application/zip");
        assertThat(object(verdict, "8/docs/a.exe").name()).contains("docs/a.exe");
    }

    @Test
    void scanShouldUseTheFileNameStoredInAGzipHeader() throws Exception {
        String mail = multipart(attachment("application/gzip", "archive.gz",
            TestArchives.gzip(bytes("clean"), "original-name.txt")));

        assertThat(statusByPath(scanner.scan(stream(mail)))).containsOnlyKeys("1", "1/original-name.txt");
    }

    @Test
    void scanShouldOpenNestedArchivesAndActThroughTheCarryingPart() throws Exception {
        byte[] inner = TestArchives.zip(entries("a.exe", "deep " + MARKER));
        byte[] middle = TestArchives.tar(entries("inner.zip", inner, "notes.txt", "clean"));
        byte[] outer = TestArchives.sevenZ(entries("middle.tar", middle));
        String mail = multipart(textPart("hello"), attachment("application/octet-stream", "outer.7z", outer));

        MessageVerdict verdict = scanner.scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN),
            Map.entry("2", ObjectStatus.INFECTED),
            Map.entry("2/middle.tar", ObjectStatus.INFECTED),
            Map.entry("2/middle.tar/inner.zip", ObjectStatus.INFECTED),
            Map.entry("2/middle.tar/inner.zip/a.exe", ObjectStatus.INFECTED),
            Map.entry("2/middle.tar/notes.txt", ObjectStatus.CLEAN));
        assertThat(verdict.statusByTopLevelPart()).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN), Map.entry("2", ObjectStatus.INFECTED));
        assertThat(object(verdict, "2").virusNames()).containsExactly(VIRUS_NAME);
    }

    @Test
    void scanShouldPassContainerBytesToTheEngineToo() throws Exception {
        byte[] zip = TestArchives.zip(entries("a.txt", "clean"));
        engine.infectedBySha256(EngineInvoker.sha256(zip), "Archive.Hash");
        String mail = multipart(attachment("application/zip", "a.zip", zip));

        MessageVerdict verdict = scanner.scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.INFECTED), Map.entry("1/a.txt", ObjectStatus.CLEAN));
        assertThat(object(verdict, "1").virusNames()).containsExactly("Archive.Hash");
    }

    @Test
    void scanShouldNotOpenArchivesWhenScanArchivesIsOff() throws Exception {
        String mail = multipart(attachment("application/zip", "a.zip",
            TestArchives.zip(entries("a.exe", "x " + MARKER))));

        MessageVerdict verdict = MessageScanner.builder(engine).scanArchives(false).build().scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(Map.entry("1", ObjectStatus.CLEAN));
    }

    @Test
    void scanShouldReportAnEncryptedZipEntryAsProtected() throws Exception {
        String mail = multipart(textPart("hello"), attachment("application/zip", "secret.zip",
            TestArchives.zipWithEncryptedEntry("secret.exe", bytes("encrypted bytes"))));

        MessageVerdict verdict = scanner.scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN),
            Map.entry("2", ObjectStatus.PROTECTED),
            Map.entry("2/secret.exe", ObjectStatus.PROTECTED));
        assertThat(object(verdict, "2/secret.exe").reason()).contains("encrypted zip entry");
        assertThat(object(verdict, "2").reason()).contains("in 2/secret.exe: encrypted zip entry");
    }

    @Test
    void scanShouldListACorruptBase64PartAsErrorAndKeepTheOthers() throws Exception {
        MessageVerdict verdict = scanner.scan(TestMails.resource("corrupt-base64.eml"));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN),
            Map.entry("2", ObjectStatus.ERROR),
            Map.entry("3", ObjectStatus.CLEAN));
        assertThat(object(verdict, "2").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("corrupt base64: unexpected character 0x40"));
    }

    @Test
    void scanShouldStillFindAVirusInCorruptBase64() throws Exception {
        String encoded = java.util.Base64.getEncoder().encodeToString(bytes("hidden " + MARKER + " x"));
        String mail = multipart("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + encoded.substring(0, 8) + "!!" + encoded.substring(8) + "\r\n");

        ScannedObject part = scanner.scan(stream(mail)).objects().get(0);

        assertThat(part.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(part.reason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("corrupt base64"));
    }

    @Test
    void scanShouldListACorruptZipAsErrorAndKeepTheOthers() throws Exception {
        byte[] zip = TestArchives.zip(entries("a.txt", "some text that deflates ".repeat(50), "b.txt", "more"));
        byte[] corrupt = zip.clone();
        for (int i = 40; i < 70; i++) {
            corrupt[i] = (byte) 0xFF; // garble the deflated data of the first entry
        }
        String mail = multipart(textPart("hello"), attachment("application/zip", "bad.zip", corrupt),
            attachment("application/zip", "good.zip", zip));

        MessageVerdict verdict = scanner.scan(stream(mail));

        assertThat(object(verdict, "2").status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(object(verdict, "2").reason()).hasValueSatisfying(reason ->
            assertThat(reason).startsWith("corrupt zip archive"));
        assertThat(statusByPath(verdict)).containsEntry("1", ObjectStatus.CLEAN)
            .containsEntry("3", ObjectStatus.CLEAN)
            .containsEntry("3/a.txt", ObjectStatus.CLEAN)
            .containsEntry("3/b.txt", ObjectStatus.CLEAN);
    }

    @Test
    void scanShouldFilterByNameWithoutCallingTheEngine() throws Exception {
        ObjectFilter filter = new ObjectFilter(MaskFilter.of(List.of("*.exe", "*.com"), List.of("safe*")),
            MaskFilter.NONE);
        String mail = multipart(textPart("hello"),
            attachment("application/octet-stream", "Setup.EXE", bytes("FILTERED-CONTENT-1")),
            attachment("application/octet-stream", "safe.exe", bytes("excluded from the filter")),
            attachment("application/zip", "a.zip", TestArchives.zip(entries("b.com", "FILTERED-CONTENT-2"))));

        MessageVerdict verdict = scanner.withFilter(filter).scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN),
            Map.entry("2", ObjectStatus.FILTERED),
            Map.entry("3", ObjectStatus.CLEAN),
            Map.entry("4", ObjectStatus.FILTERED),
            Map.entry("4/b.com", ObjectStatus.FILTERED));
        assertThat(object(verdict, "2").reason()).contains("name 'Setup.EXE' matches IncludeByName mask *.exe");
        assertThat(engine.scannedTexts()).noneMatch(text -> text.startsWith("FILTERED-CONTENT"));
    }

    @Test
    void scanShouldCatchARenamedExecutableByItsDetectedType() throws Exception {
        ObjectFilter filter = new ObjectFilter(MaskFilter.NONE,
            MaskFilter.of(List.of("application/x-msdownload"), List.of("text/*")));
        byte[] executable = bytes("MZ\u0090\u0000 pretend PE program");
        String mail = multipart(textPart("hello"), attachment("text/plain", "readme.txt", executable));

        MessageVerdict verdict = scanner.withFilter(filter).scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN), Map.entry("2", ObjectStatus.FILTERED));
        assertThat(object(verdict, "2").reason())
            .contains("detected type application/x-msdownload matches IncludeByMime mask application/x-msdownload");
    }

    @Test
    void scanShouldFilterNothingWithoutIncludeMasks() throws Exception {
        ObjectFilter excludesOnly = new ObjectFilter(MaskFilter.of(List.of(), List.of("*.txt")),
            MaskFilter.of(List.of(), List.of("text/*")));
        String mail = multipart(textPart("hello"), attachment("application/octet-stream", "a.exe", bytes("x")));

        MessageVerdict verdict = scanner.withFilter(excludesOnly).scan(stream(mail));

        assertThat(verdict.statuses()).containsExactly(ObjectStatus.CLEAN);
    }

    @Test
    void scanShouldGiveErrorWhenTheEngineOutlastsTheScanTimeout() throws Exception {
        engine.slowness(Duration.ofSeconds(20));
        MessageScanner impatient = MessageScanner.builder(engine).scanTimeout(Duration.ofMillis(200)).build();
        String mail = multipart(textPart("hello"), textPart("slow " + MarkerEngine.SLOW), textPart("bye"));

        MessageVerdict verdict = impatient.scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN), Map.entry("2", ObjectStatus.ERROR), Map.entry("3", ObjectStatus.CLEAN));
        assertThat(object(verdict, "2").reason()).contains("scan not finished within ScanTimeout=200 ms");
    }

    @Test
    void scanShouldPropagateAnUnavailableEngine() {
        engine.unavailable();
        String mail = multipart(textPart("hello"));

        assertThatThrownBy(() -> scanner.scan(stream(mail)))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessage("test engine switched off");
    }

    @Test
    void scanShouldPropagateAnUnavailableEngineFoundDeepInsideAnArchive() throws Exception {
        MarkerEngine failsOnEntry = new MarkerEngine() {
            @Override
            public org.smtpgw.scanner.engine.EngineResult scan(byte[] content, boolean cure)
                throws EngineUnavailableException {
                if (new String(content, StandardCharsets.ISO_8859_1).equals("entry")) {
                    throw new EngineUnavailableException("clamd went away");
                }
                return super.scan(content, cure);
            }
        };
        String mail = multipart(attachment("application/zip", "a.zip", TestArchives.zip(entries("e", "entry"))));

        assertThatThrownBy(() -> MessageScanner.builder(failsOnEntry).build().scan(stream(mail)))
            .isInstanceOf(EngineUnavailableException.class).hasMessage("clamd went away");
    }

    @Test
    void scanShouldTurnAnEngineBugIntoAnErrorObject() throws Exception {
        MarkerEngine buggy = new MarkerEngine() {
            @Override
            public org.smtpgw.scanner.engine.EngineResult scan(byte[] content, boolean cure) {
                throw new IllegalStateException("bug");
            }
        };

        MessageVerdict verdict = MessageScanner.builder(buggy).build().scan(stream(multipart(textPart("x"))));

        assertThat(verdict.objects()).singleElement().satisfies(object -> {
            assertThat(object.status()).isEqualTo(ObjectStatus.ERROR);
            assertThat(object.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("bug"));
        });
    }

    @Test
    void scanShouldThrowIOExceptionOnlyWhenTheInputStreamFails() {
        InputStream broken = new InputStream() {
            private int left = 200;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset");
                }
                return 'a';
            }
        };

        assertThatThrownBy(() -> scanner.scan(broken)).isInstanceOf(IOException.class)
            .hasMessage("connection reset");
    }

    @Test
    void scanShouldCureOnlyMimePartsWhenCureIsOn() throws Exception {
        MessageScanner curing = MessageScanner.builder(engine).cure(true).build();
        String mail = multipart(textPart("text " + MarkerEngine.CURABLE),
            attachment("application/zip", "a.zip", TestArchives.zip(entries("a.txt", "zipped " + MarkerEngine.CURABLE))));

        MessageVerdict verdict = curing.scan(stream(mail));

        ScannedObject text = object(verdict, "1");
        assertThat(text.status()).isEqualTo(ObjectStatus.DISINFECTED);
        assertThat(new String(text.curedContent().orElseThrow(), StandardCharsets.ISO_8859_1)).contains("text CURED");
        assertThat(object(verdict, "2/a.txt").status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(object(verdict, "2/a.txt").curedContent()).isEmpty();
        assertThat(object(verdict, "2").status()).isEqualTo(ObjectStatus.INFECTED);
    }

    @Test
    void scanShouldSkipTheEngineForObjectsTheCacheKnowsClean() throws Exception {
        Map<String, String> remembered = new ConcurrentHashMap<>();
        ScannedObjectCache cache = new ScannedObjectCache() {
            @Override
            public boolean isKnownClean(byte[] sha256, String dbVersion) {
                return remembered.containsKey(java.util.HexFormat.of().formatHex(sha256) + dbVersion);
            }

            @Override
            public void rememberClean(byte[] sha256, String dbVersion) {
                remembered.put(java.util.HexFormat.of().formatHex(sha256) + dbVersion, "");
            }
        };
        MessageScanner caching = MessageScanner.builder(engine).cache(cache).build();
        String mail = multipart(textPart("always the same"), textPart("infected " + MARKER));

        MessageVerdict first = caching.scan(stream(mail));
        int firstScans = engine.scannedTexts().size();
        MessageVerdict second = caching.scan(stream(mail));

        assertThat(firstScans).isEqualTo(2);
        assertThat(engine.scannedTexts()).hasSize(3); // only the infected part is scanned again
        assertThat(statusByPath(second)).containsExactly(
            Map.entry("1", ObjectStatus.CLEAN), Map.entry("2", ObjectStatus.INFECTED));
        assertThat(first.cachedObjects()).isZero();
        assertThat(second.cachedObjects()).isEqualTo(1);
    }

    @Test
    void scanShouldCountNoCachedObjectsWithoutACache() throws Exception {
        String mail = multipart(textPart("always the same"), textPart("always the same"));

        scanner.scan(stream(mail));
        MessageVerdict second = scanner.scan(stream(mail));

        assertThat(second.objects()).hasSize(2);
        assertThat(second.cachedObjects()).isZero();
    }

    @Test
    void scanShouldDecomposeAMessageFoundInsideAnArchive() throws Exception {
        String eml = multipart(textPart("forwarded"), attachment("application/octet-stream", "x.bin",
            bytes("inner " + MARKER)));
        String mail = multipart(attachment("application/zip", "mails.zip", TestArchives.zip(entries("fwd.eml", eml))));

        MessageVerdict verdict = scanner.scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(
            Map.entry("1", ObjectStatus.INFECTED),
            Map.entry("1/fwd.eml", ObjectStatus.INFECTED),
            Map.entry("1/fwd.eml/1", ObjectStatus.CLEAN),
            Map.entry("1/fwd.eml/2", ObjectStatus.INFECTED));
        assertThat(object(verdict, "1/fwd.eml").detectedType()).isEqualTo("message/rfc822");
        assertThat(object(verdict, "1/fwd.eml/2").name()).contains("x.bin");
    }

    @Test
    void withFilterShouldLeaveTheOriginalScannerUnfiltered() throws Exception {
        ObjectFilter everythingNamed = new ObjectFilter(MaskFilter.of(List.of("*"), List.of()), MaskFilter.NONE);
        String mail = multipart(attachment("application/octet-stream", "a.bin", bytes("x")));

        assertThat(scanner.withFilter(everythingNamed).scan(stream(mail)).worstStatus())
            .isEqualTo(ObjectStatus.FILTERED);
        assertThat(scanner.scan(stream(mail)).worstStatus()).isEqualTo(ObjectStatus.CLEAN);
        assertThat(scanner.filter()).isEqualTo(ObjectFilter.NONE);
    }

    @Test
    void scanShouldTreatASinglePartMessageBodyAsPartOne() throws Exception {
        String mail = "From: a@example.com\r\nSubject: plain\r\n\r\nbody " + MARKER + "\r\n";

        MessageVerdict verdict = scanner.scan(stream(mail));

        assertThat(statusByPath(verdict)).containsExactly(Map.entry("1", ObjectStatus.INFECTED));
        assertThat(object(verdict, "1").declaredType()).isEqualTo("text/plain");
    }
}
