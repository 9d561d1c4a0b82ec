package org.smtpgw.scanner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpgw.scanner.ObjectStatus;

class MessageVerdictTest {

    private static ScannedObject object(ObjectPath path, ObjectStatus status, String... viruses) {
        return new ScannedObject(path, Optional.empty(), "application/octet-stream", "application/octet-stream",
            status, List.of(viruses), Optional.empty(), 1, Optional.empty());
    }

    private final MessageVerdict verdict = new MessageVerdict(List.of(
        object(ObjectPath.ofPart("1.1"), ObjectStatus.CLEAN),
        object(ObjectPath.ofPart("1.2"), ObjectStatus.FILTERED),
        object(ObjectPath.ofPart("2"), ObjectStatus.INFECTED, "A", "B"),
        object(ObjectPath.ofPart("2").child("x.zip"), ObjectStatus.INFECTED, "A"),
        object(ObjectPath.ofPart("2").child("x.zip").child("a.exe"), ObjectStatus.INFECTED, "A"),
        object(ObjectPath.ofPart("3"), ObjectStatus.PROTECTED)));

    @Test
    void statusByTopLevelPartShouldTakeTheWorstOfEverythingAPartCarries() {
        assertThat(verdict.statusByTopLevelPart()).containsExactly(
            Map.entry("1", ObjectStatus.FILTERED),
            Map.entry("2", ObjectStatus.INFECTED),
            Map.entry("3", ObjectStatus.PROTECTED));
    }

    @Test
    void worstStatusWithinShouldCoverSubPartsAndUnpackedObjects() {
        assertThat(verdict.worstStatusWithin("1.1")).contains(ObjectStatus.CLEAN);
        assertThat(verdict.worstStatusWithin("1")).contains(ObjectStatus.FILTERED);
        assertThat(verdict.worstStatusWithin("4")).isEmpty();
    }

    @Test
    void summariesShouldCoverAllObjects() {
        assertThat(verdict.statuses()).containsExactlyInAnyOrder(ObjectStatus.CLEAN, ObjectStatus.FILTERED,
            ObjectStatus.INFECTED, ObjectStatus.PROTECTED);
        assertThat(verdict.virusNames()).containsExactly("A", "B");
        assertThat(verdict.worstStatus()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(verdict.object("2/x.zip/a.exe")).isPresent();
        assertThat(verdict.objectsWithStatus(ObjectStatus.PROTECTED)).hasSize(1);
    }

    @Test
    void emptyVerdictShouldBeClean() {
        assertThat(new MessageVerdict(List.of()).worstStatus()).isEqualTo(ObjectStatus.CLEAN);
        assertThat(new MessageVerdict(List.of()).statuses()).isEmpty();
    }

    @Test
    void pathShouldPrintPartThenEntriesAndKnowItsCarrier() {
        ObjectPath path = ObjectPath.ofPart("2.1").child("report.zip").child("dir/a.exe");

        assertThat(path).hasToString("2.1/report.zip/dir/a.exe");
        assertThat(path.topLevelPart()).isEqualTo("2");
        assertThat(path.isMimePart()).isFalse();
        assertThat(path.isWithin("2")).isTrue();
        assertThat(path.isWithin("2.1")).isTrue();
        assertThat(path.isWithin("2.11")).isFalse();
        assertThat(ObjectPath.ofPart("2").subPart("1")).hasToString("2.1");
        assertThat(path.subPart("1")).hasToString("2.1/report.zip/dir/a.exe/1");
    }

    @Test
    void pathShouldRejectWhatIsNotAnImapPartNumber() {
        assertThatThrownBy(() -> ObjectPath.ofPart("0.1"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not an IMAP part number (1, 2, 2.1, ...): '0.1'");
    }

    @Test
    void curedContentShouldGoWithDisinfectedOnly() {
        assertThatThrownBy(() -> new ScannedObject(ObjectPath.ofPart("1"), Optional.empty(), "a/b", "a/b",
            ObjectStatus.INFECTED, List.of(), Optional.empty(), 1, Optional.of(new byte[1])))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("cured content goes with status DISINFECTED only, was INFECTED at 1");
    }

    @Test
    void cachedObjectsShouldBeAtMostTheNumberOfObjects() {
        List<ScannedObject> two = List.of(object(ObjectPath.ofPart("1"), ObjectStatus.CLEAN),
            object(ObjectPath.ofPart("2"), ObjectStatus.CLEAN));

        assertThat(new MessageVerdict(two, 2).cachedObjects()).isEqualTo(2);
        assertThat(new MessageVerdict(two).cachedObjects()).isZero();
        assertThatThrownBy(() -> new MessageVerdict(two, 3))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("cachedObjects 3 must be from 0 to the 2 objects");
    }
}
