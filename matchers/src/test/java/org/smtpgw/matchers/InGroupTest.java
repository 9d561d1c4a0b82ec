package org.smtpgw.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InGroupTest {

    private static InGroup matcher(String condition) throws MessagingException {
        InGroup matcher = new InGroup();
        matcher.init(FakeMatcherConfig.builder().matcherName("InGroup").condition(condition).build());
        return matcher;
    }

    private static Mail mail(String sender, String... recipients) throws MessagingException {
        return FakeMail.builder().name("mail").sender(sender).recipients(recipients).build();
    }

    @Test
    void matchShouldReturnOnlyRecipientsMatchingTheRecipientMasks() throws Exception {
        Collection<MailAddress> matched = matcher("*@partner.example;*@example.com,boss@other.org")
            .match(mail("alice@partner.example", "a@example.com", "b@other.org", "BOSS@Other.org", "c@sub.example.com"));

        assertThat(matched).containsExactlyInAnyOrder(new MailAddress("a@example.com"), new MailAddress("BOSS@Other.org"));
    }

    @Test
    void matchShouldReturnNoRecipientWhenSenderDoesNotMatch() throws Exception {
        Collection<MailAddress> matched = matcher("*@partner.example;*@example.com")
            .match(mail("mallory@elsewhere.example", "a@example.com"));

        assertThat(matched).isEmpty();
    }

    @Test
    void emptySenderSideShouldMeanEverySender() throws Exception {
        Collection<MailAddress> matched = matcher(";a@example.com").match(mail("anyone@anywhere.example", "a@example.com", "b@example.com"));

        assertThat(matched).containsExactly(new MailAddress("a@example.com"));
    }

    @Test
    void emptyRecipientSideShouldMeanEveryRecipient() throws Exception {
        Collection<MailAddress> matched = matcher("*@partner.example;").match(mail("x@partner.example", "a@example.com", "b@other.org"));

        assertThat(matched).containsExactlyInAnyOrder(new MailAddress("a@example.com"), new MailAddress("b@other.org"));
    }

    @Test
    void questionMarkShouldStandForExactlyOneCharacter() throws Exception {
        Collection<MailAddress> matched = matcher(";user?@example.com").match(mail("s@x.org", "user1@example.com", "user12@example.com", "user@example.com"));

        assertThat(matched).containsExactly(new MailAddress("user1@example.com"));
    }

    @Test
    void nullSenderShouldMatchCatchAllSenderMask() throws Exception {
        Mail bounce = FakeMail.builder().name("bounce").sender(MaybeSender.nullSender()).recipients("a@example.com").build();

        assertThat(matcher("*@*;*@example.com").match(bounce)).containsExactly(new MailAddress("a@example.com"));
    }

    @Test
    void nullSenderShouldNotMatchDomainSenderMaskButShouldMatchNullSenderMask() throws Exception {
        Mail bounce = FakeMail.builder().name("bounce").sender(MaybeSender.nullSender()).recipients("a@example.com").build();

        assertThat(matcher("*@example.com;*@*").match(bounce)).isEmpty();
        assertThat(matcher("<>;*@*").match(bounce)).containsExactly(new MailAddress("a@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*@example.com", ";", " ; ", "a@b;c@d;e@f", "a@b,,c@d;*@*", "a b@c;*@*", ";x@y,"})
    void initShouldThrowOnInvalidCondition(String condition) {
        assertThatThrownBy(() -> matcher(condition)).isInstanceOf(MailetException.class).hasMessageContaining("InGroup");
    }

    @Test
    void initShouldNameTheBadMask() {
        assertThatThrownBy(() -> matcher("*@a.example;bad mask@x"))
            .isInstanceOf(MailetException.class)
            .hasMessageContaining("recipient masks")
            .hasMessageContaining("'bad mask@x'");
    }
}
