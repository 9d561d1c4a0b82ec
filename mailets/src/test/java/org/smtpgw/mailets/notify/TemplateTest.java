package org.smtpgw.mailets.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void parseShouldSplitSubjectLineFromBody() {
        Template template = Template.parse("t", "Subject: About ${subject}\r\n\r\nHello ${sender}\r\n", Set.of("subject", "sender"));

        assertThat(template.subject(Map.of("subject", "x"))).isEqualTo("About x");
        assertThat(template.body(Map.of("sender", "a@b"))).isEqualTo("Hello a@b\n");
    }

    @Test
    void templateWithoutSubjectLineShouldBeAllBody() {
        Template template = Template.parse("t", "Just ${sender}", Set.of("sender"));

        assertThat(template.hasSubject()).isFalse();
        assertThat(template.body(Map.of("sender", "a$b\\c"))).isEqualTo("Just a$b\\c");
    }

    @Test
    void subjectShouldNotTakeLineBreaksFromValues() {
        Template template = Template.parse("t", "Subject: ${subject}\n\nbody", Set.of("subject"));

        assertThat(template.subject(Map.of("subject", "a\r\nBcc: x@y"))).isEqualTo("a  Bcc: x@y");
    }

    @Test
    void doubleDollarShouldBeALiteralDollar() {
        assertThat(Template.parse("t", "$$100 ${a}", Set.of("a")).body(Map.of("a", "b"))).isEqualTo("$100 b");
    }

    @Test
    void parseShouldNameUnknownMacrosAndTheKnownOnes() {
        assertThatThrownBy(() -> Template.parse("file.txt", "${a} ${b} ${c}", Set.of("a")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("file.txt").hasMessageContaining("${b}").hasMessageContaining("${c}")
            .hasMessageContaining("[a]");
    }

    @Test
    void loadShouldReadShippedTemplates() {
        for (String name : new String[] {"notify-admin", "notify-sender", "notify-recipient", "dsn"}) {
            assertThat(Template.load("classpath:templates/" + name + ".txt", Template.NOTIFICATION_MACROS).hasSubject())
                .as(name).isTrue();
        }
        assertThat(Template.load("classpath:templates/placeholder.txt", Template.PLACEHOLDER_MACROS).body(Map.of()))
            .contains("taken out");
    }

    @Test
    void loadShouldNameMissingClasspathTemplate() {
        assertThatThrownBy(() -> Template.load("classpath:templates/none.txt", Template.NOTIFICATION_MACROS))
            .hasMessageContaining("classpath:templates/none.txt");
    }
}
