package org.smtpgw.matchers.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ObjectPath;
import org.smtpgw.scanner.model.ScannedObject;

class VerdictAttributesTest {

    private static final MessageVerdict VERDICT = new MessageVerdict(List.of(
        new ScannedObject(ObjectPath.ofPart("1"), Optional.empty(), "text/plain", "text/plain", ObjectStatus.CLEAN,
            List.of(), Optional.empty(), 12, Optional.empty()),
        new ScannedObject(ObjectPath.ofPart("2"), Optional.of("report.zip"), "application/zip", "application/zip",
            ObjectStatus.INFECTED, List.of("EICAR-Test-File"), Optional.empty(), 300, Optional.empty()),
        new ScannedObject(new ObjectPath("2", List.of("dir/a.com")), Optional.of("dir/a.com"), "application/octet-stream",
            "text/plain", ObjectStatus.INFECTED, List.of("EICAR-Test-File"), Optional.empty(), 68, Optional.empty()),
        new ScannedObject(ObjectPath.ofPart("3"), Optional.of("cure.txt"), "text/plain", "text/plain",
            ObjectStatus.DISINFECTED, List.of("CURE-EICAR"), Optional.empty(), 70,
            Optional.of("cured bytes".getBytes(StandardCharsets.US_ASCII))),
        new ScannedObject(ObjectPath.ofPart("4"), Optional.of("x.exe"), "application/x-msdownload", "application/x-msdownload",
            ObjectStatus.FILTERED, List.of(), Optional.of("name 'x.exe' matches IncludeByName mask *.exe"), 10, Optional.empty())),
        1);

    @Test
    void readShouldGiveBackWhatWasStored() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();

        VerdictAttributes.store(mail, VERDICT, "partners", "built-in 1");

        ScanResult result = VerdictAttributes.read(mail).orElseThrow();
        assertThat(result.verdict()).isEqualTo(VERDICT);
        assertThat(result.group()).isEqualTo("partners");
        assertThat(result.engine()).isEqualTo("built-in 1");
        assertThat(VerdictAttributes.statuses(mail)).containsExactlyInAnyOrder(
            ObjectStatus.CLEAN, ObjectStatus.INFECTED, ObjectStatus.DISINFECTED, ObjectStatus.FILTERED);
    }

    @Test
    void verdictShouldSurviveJsonSerialisationAsDoneByTheSpoolQueue() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();
        VerdictAttributes.store(mail, VERDICT, "policy", "clamd 27000");
        VerdictAttributes.storeActions(mail, Map.of("2", "remove", "3", "cure"));
        VerdictAttributes.storeOriginal(mail, "original".getBytes(StandardCharsets.US_ASCII));

        Mail copy = FakeMail.builder().name("copy").build();
        for (AttributeName name : List.of(VerdictAttributes.OBJECTS, VerdictAttributes.STATUSES, VerdictAttributes.VIRUS_NAMES,
            VerdictAttributes.GROUP, VerdictAttributes.ENGINE, VerdictAttributes.ACTIONS, VerdictAttributes.ORIGINAL,
            VerdictAttributes.CACHED_OBJECTS)) {
            String json = mail.getAttribute(name).orElseThrow().getValue().toJson().orElseThrow().toString();
            copy.setAttribute(new Attribute(name, AttributeValue.fromJsonString(json)));
        }

        ScanResult result = VerdictAttributes.read(copy).orElseThrow();
        assertThat(result.verdict()).isEqualTo(VERDICT);
        assertThat(result.actions()).isEqualTo(Map.of("2", "remove", "3", "cure"));
        assertThat(VerdictAttributes.original(copy)).hasValueSatisfying(
            bytes -> assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("original"));
        assertThat(VerdictAttributes.statuses(copy)).contains(ObjectStatus.INFECTED);
    }

    @Test
    void readShouldCountNoCachedObjectsWhenTheAttributeIsAbsent() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();
        VerdictAttributes.store(mail, VERDICT, "policy", "built-in 1");
        mail.removeAttribute(VerdictAttributes.CACHED_OBJECTS);

        assertThat(VerdictAttributes.read(mail).orElseThrow().verdict().cachedObjects()).isZero();
    }

    @Test
    void readShouldRefuseMoreCachedObjectsThanObjects() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();
        VerdictAttributes.store(mail, VERDICT, "policy", "built-in 1");
        mail.setAttribute(new Attribute(VerdictAttributes.CACHED_OBJECTS, AttributeValue.of(6L)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerdictAttributes.read(mail))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("attribute org.smtpgw.scan.cachedObjects: 6 is not from 0 to the 5 objects");
    }

    @Test
    void storeShouldDropActionsAndOriginalOfAnEarlierScan() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();
        VerdictAttributes.storeActions(mail, Map.of("2", "remove"));
        VerdictAttributes.storeOriginal(mail, new byte[] {1});

        VerdictAttributes.store(mail, VERDICT, "policy", "e");

        assertThat(VerdictAttributes.read(mail).orElseThrow().actions()).isEmpty();
        assertThat(VerdictAttributes.original(mail)).isEmpty();
    }

    @Test
    void dropCuredContentShouldKeepEverythingElse() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();
        VerdictAttributes.store(mail, VERDICT, "policy", "e");

        VerdictAttributes.dropCuredContent(mail);

        MessageVerdict read = VerdictAttributes.read(mail).orElseThrow().verdict();
        assertThat(read.object("3").orElseThrow().curedContent()).isEmpty();
        assertThat(read.object("3").orElseThrow().status()).isEqualTo(ObjectStatus.DISINFECTED);
        assertThat(read.objects()).hasSize(VERDICT.objects().size());
        assertThat(read.object("4")).isEqualTo(VERDICT.object("4"));
    }

    @Test
    void readShouldBeEmptyForUnscannedMail() throws Exception {
        Mail mail = FakeMail.builder().name("m").build();

        assertThat(VerdictAttributes.read(mail)).isEmpty();
        assertThat(VerdictAttributes.statuses(mail)).isEmpty();
        assertThat(VerdictAttributes.isScanned(mail)).isFalse();
    }
}
