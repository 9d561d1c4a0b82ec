package org.smtpgw.conf.ini;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class IniReaderTest {

    @Test
    void readShouldKeepSectionsEntriesAndLineNumbers() {
        RawFile f = IniReader.read("x.conf", List.of("[a]", "k=v", "", "[b]", "  Key  =  some value  "));

        assertThat(f.sections()).extracting(RawSection::name).containsExactly("a", "b");
        assertThat(f.sections().get(1).entries()).containsExactly(new RawEntry("x.conf", 5, "Key", "some value"));
        assertThat(f.sections().get(1).line()).isEqualTo(4);
    }

    @Test
    void readShouldKeepRepeatedKeysInOrder() {
        RawFile f = IniReader.read("x", List.of("[n]", "ListenOn=1.1.1.1:25", "ListenOn=2.2.2.2:25"));

        assertThat(f.sections().get(0).entries()).extracting(RawEntry::value)
            .containsExactly("1.1.1.1:25", "2.2.2.2:25");
    }

    @Test
    void readShouldSkipCommentLinesAndBlankLinesButKeepHashAndSemicolonInsideValues() {
        RawFile f = IniReader.read("x", List.of("# comment", "  ; another", "[s]", "", "ProxyAddress=http://u:p#;w@h:1"));

        assertThat(f.sections()).hasSize(1);
        assertThat(f.sections().get(0).entries().get(0).value()).isEqualTo("http://u:p#;w@h:1");
        assertThat(f.syntaxErrors()).isEmpty();
    }

    @Test
    void readShouldKeepEmptyValues() {
        RawFile f = IniReader.read("x", List.of("[s]", "LogFilename="));

        assertThat(f.sections().get(0).entries().get(0).value()).isEmpty();
    }

    @Test
    void readShouldSplitOnTheFirstEqualsSign() {
        RawFile f = IniReader.read("x", List.of("[s]", "a=b=c"));

        assertThat(f.sections().get(0).entries().get(0)).extracting(RawEntry::key, RawEntry::value)
            .containsExactly("a", "b=c");
    }

    @Test
    void readShouldReportLinesItCannotParse() {
        RawFile f = IniReader.read("x", List.of("[s]", "no equals here", "=value", "[unclosed", "[]"));

        assertThat(f.syntaxErrors()).extracting(RawFile.SyntaxError::line).containsExactly(2, 3, 4, 5);
    }

    @Test
    void readShouldPutEntriesBeforeAnyHeaderInANamelessSection() {
        RawFile f = IniReader.read("x", List.of("k=v", "[s]"));

        assertThat(f.sections().get(0).name()).isNull();
        assertThat(f.sections().get(0).entries()).hasSize(1);
    }

    @Test
    void readShouldIgnoreAByteOrderMark() {
        RawFile f = IniReader.read("x", List.of("\uFEFF[s]", "k=v"));

        assertThat(f.sections().get(0).name()).isEqualTo("s");
    }

    @Test
    void readShouldKeepTwoHeadersOfTheSameSectionApart() {
        RawFile f = IniReader.read("x", List.of("[s]", "a=1", "[t]", "[s]", "b=2"));

        assertThat(f.sections()).extracting(RawSection::name).containsExactly("s", "t", "s");
    }

    @Test
    void readShouldRefuseControlCharacters() {
        RawFile f = IniReader.read("x", List.of("[s]", "Hostname=gw\u0001.example.com", "Tab=\tok"));

        assertThat(f.syntaxErrors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).isEqualTo("Hostname=gw?.example.com");
            assertThat(e.message()).isEqualTo("contains a control character");
        });
    }
}
