package org.smtpgw.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientDomainMatchesTest {

    private static RecipientDomainMatches matcher(String condition) throws MessagingException {
        RecipientDomainMatches matcher = new RecipientDomainMatches();
        matcher.init(FakeMatcherConfig.builder()
            .matcherName("RecipientDomainMatches")
            .condition(condition)
            .build());
        return matcher;
    }

    private static Mail mailTo(String... recipients) throws MessagingException {
        return FakeMail.builder()
            .name("mail")
            .sender("sender@sender.org")
            .recipients(recipients)
            .build();
    }

    @Test
    void matchShouldReturnOnlyRecipientsOfMatchingDomains() throws Exception {
        Collection<MailAddress> matched = matcher("example.com").match(
            mailTo("a@example.com", "b@other.org", "c@EXAMPLE.COM", "d@mail.example.com"));

        assertThat(matched).containsExactlyInAnyOrder(new MailAddress("a@example.com"), new MailAddress("c@EXAMPLE.COM"));
    }

    @Test
    void matchShouldAcceptAnyOfSeveralMasks() throws Exception {
        Collection<MailAddress> matched = matcher("example.com, *.example.org,domain?.net").match(
            mailTo("a@example.com", "b@mx.example.org", "c@example.org", "d@domain1.net", "e@domain12.net"));

        assertThat(matched).containsExactlyInAnyOrder(
            new MailAddress("a@example.com"), new MailAddress("b@mx.example.org"), new MailAddress("d@domain1.net"));
    }

    @Test
    void matchShouldReturnAllRecipientsWhenAny() throws Exception {
        Collection<MailAddress> matched = matcher("any").match(mailTo("a@example.com", "b@other.org"));

        assertThat(matched).containsExactlyInAnyOrder(new MailAddress("a@example.com"), new MailAddress("b@other.org"));
    }

    @Test
    void matchShouldReturnNothingWhenNoRecipientMatches() throws Exception {
        assertThat(matcher("example.com").match(mailTo("b@other.org"))).isEmpty();
    }

    @Test
    void initShouldThrowWhenConditionIsMissing() {
        assertThatThrownBy(() -> matcher(null))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("needs a condition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void initShouldThrowWhenConditionIsBlank(String condition) {
        assertThatThrownBy(() -> matcher(condition))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("needs a condition");
    }

    @Test
    void initShouldThrowOnEmptyItem() {
        assertThatThrownBy(() -> matcher("example.com,,example.org"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("RecipientDomainMatches=example.com,,example.org")
            .hasMessageContaining("empty domain mask");
    }

    @Test
    void initShouldThrowOnInvalidMask() {
        assertThatThrownBy(() -> matcher("example.com,user@example.org"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("'user@example.org'");
    }
}
