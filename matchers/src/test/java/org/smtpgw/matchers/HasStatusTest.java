package org.smtpgw.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpgw.matchers.verdict.VerdictAttributes;

class HasStatusTest {

    private static HasStatus matcher(String condition) throws MessagingException {
        HasStatus matcher = new HasStatus();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasStatus").condition(condition).build());
        return matcher;
    }

    private static Mail mailWithStatuses(String... statuses) throws MessagingException {
        List<AttributeValue<?>> values = java.util.Arrays.stream(statuses).<AttributeValue<?>>map(AttributeValue::of).toList();
        return FakeMail.builder().name("mail").sender("s@example.com").recipients("a@example.com", "b@example.com")
            .attribute(new Attribute(VerdictAttributes.STATUSES, AttributeValue.of(values)))
            .build();
    }

    @Test
    void matchShouldReturnAllRecipientsWhenOneStatusIsWanted() throws Exception {
        Mail mail = mailWithStatuses("clean", "suspicious");

        assertThat(matcher("infected, Suspicious").match(mail)).containsExactlyElementsOf(mail.getRecipients());
    }

    @Test
    void matchShouldReturnNothingWhenNoStatusIsWanted() throws Exception {
        assertThat(matcher("infected,suspicious").match(mailWithStatuses("clean", "disinfected"))).isEmpty();
    }

    @Test
    void allShouldMatchEveryStatusButClean() throws Exception {
        HasStatus all = matcher("all");

        assertThat(all.match(mailWithStatuses("clean"))).isEmpty();
        for (String status : List.of("infected", "disinfected", "suspicious", "protected", "error", "filtered")) {
            assertThat(all.match(mailWithStatuses("clean", status))).as(status).hasSize(2);
        }
    }

    @Test
    void cleanShouldMatchCleanMails() throws Exception {
        assertThat(matcher("clean").match(mailWithStatuses("clean"))).hasSize(2);
    }

    @Test
    void matchShouldReturnNothingForUnscannedMail() throws Exception {
        Mail mail = FakeMail.builder().name("mail").sender("s@example.com").recipients("a@example.com").build();

        assertThat(matcher("all").match(mail)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "infekted", "infected,,error", "virus"})
    void initShouldThrowOnInvalidCondition(String condition) {
        assertThatThrownBy(() -> matcher(condition)).isInstanceOf(MailetException.class).hasMessageContaining("HasStatus");
    }

    @Test
    void initShouldNameUnknownStatusAndTheAllowedOnes() {
        assertThatThrownBy(() -> matcher("infected,infekted"))
            .hasMessageContaining("'infekted'")
            .hasMessageContaining(HasStatus.ALLOWED);
    }
}
