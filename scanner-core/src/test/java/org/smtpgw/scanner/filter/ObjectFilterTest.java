package org.smtpgw.scanner.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ObjectFilterTest {

    @Test
    void maskShouldMatchStarAndQuestionMarkIgnoringCase() {
        assertThat(WildcardMask.of("*.exe").matches("Setup.EXE")).isTrue();
        assertThat(WildcardMask.of("*.exe").matches("setup.exe.txt")).isFalse();
        assertThat(WildcardMask.of("report?.doc").matches("report1.doc")).isTrue();
        assertThat(WildcardMask.of("report?.doc").matches("report.doc")).isFalse();
        assertThat(WildcardMask.of("application/*").matches("application/zip")).isTrue();
        assertThat(WildcardMask.of("*").matches("")).isTrue();
        assertThat(WildcardMask.of("a*b*c").matches("aXXbYYc")).isTrue();
        assertThat(WildcardMask.of("a*b*c").matches("aXXbYY")).isFalse();
    }

    @Test
    void maskShouldNotBacktrackExponentially() {
        String text = "a".repeat(10_000) + "b";
        assertThat(WildcardMask.of("*a*a*a*a*a*a*a*a*c").matches(text)).isFalse();
    }

    @Test
    void maskShouldRejectAnEmptyMask() {
        assertThatThrownBy(() -> WildcardMask.of(" "))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("a mask must not be empty; use * to match everything");
    }

    @Test
    void maskFilterShouldCatchWhatMatchesAnIncludeAndNoExcludeMask() {
        MaskFilter filter = MaskFilter.of(List.of("*.exe", "*.scr"), List.of("trusted*"));

        assertThat(filter.catching("a.exe")).map(WildcardMask::toString).contains("*.exe");
        assertThat(filter.catching("trusted.exe")).isEmpty();
        assertThat(filter.catching("a.txt")).isEmpty();
    }

    @Test
    void maskFilterShouldBeInactiveWithoutIncludeMasks() {
        MaskFilter excludesOnly = MaskFilter.of(List.of(), List.of("*.txt"));

        assertThat(excludesOnly.isActive()).isFalse();
        assertThat(excludesOnly.catching("a.exe")).isEmpty();
        assertThat(excludesOnly.catching("a.txt")).isEmpty();
    }

    @Test
    void filterReasonShouldNameTheMatchingMask() {
        ObjectFilter filter = new ObjectFilter(MaskFilter.of(List.of("*.exe"), List.of()),
            MaskFilter.of(List.of("video/*"), List.of()));

        assertThat(filter.filterReason(Optional.of("a.exe"), "application/octet-stream", "application/x-msdownload"))
            .contains("name 'a.exe' matches IncludeByName mask *.exe");
        assertThat(filter.filterReason(Optional.of("clip"), "video/mp4", "application/octet-stream"))
            .contains("declared type video/mp4 matches IncludeByMime mask video/*");
        assertThat(filter.filterReason(Optional.empty(), "text/plain", "text/plain")).isEmpty();
    }

    @Test
    void mimeFilterShouldJudgeDeclaredAndDetectedTypesEachOnItsOwn() {
        ObjectFilter filter = new ObjectFilter(MaskFilter.NONE,
            MaskFilter.of(List.of("*"), List.of("text/*")));

        // declared text/plain is excluded, but the detected executable type is still caught
        assertThat(filter.filterReason(Optional.empty(), "text/plain", "application/x-msdownload"))
            .contains("detected type application/x-msdownload matches IncludeByMime mask *");
        assertThat(filter.filterReason(Optional.empty(), "text/plain", "text/plain")).isEmpty();
    }

    @Test
    void nameFilterShouldJudgeTheBareFileNameOfAnArchiveEntry() {
        ObjectFilter filter = new ObjectFilter(MaskFilter.of(List.of("setup.exe"), List.of()), MaskFilter.NONE);

        assertThat(filter.filterReason(Optional.of("docs/Setup.exe"), "a/b", "a/b"))
            .contains("name 'Setup.exe' matches IncludeByName mask setup.exe");
        assertThat(filter.filterReason(Optional.of("dir\\setup.exe"), "a/b", "a/b")).isPresent();
    }

    @Test
    void nameFilterShouldNotCatchObjectsWithoutName() {
        ObjectFilter filter = new ObjectFilter(MaskFilter.of(List.of("*"), List.of()), MaskFilter.NONE);

        assertThat(filter.filterReason(Optional.empty(), "text/plain", "text/plain")).isEmpty();
        assertThat(ObjectFilter.NONE.filterReason(Optional.of("a.exe"), "x/y", "x/y")).isEmpty();
    }
}
