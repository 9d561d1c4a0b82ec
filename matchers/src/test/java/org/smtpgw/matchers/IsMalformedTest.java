package org.smtpgw.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class IsMalformedTest {
    private static final String HEADER = "From: a@example.org\r\nTo: b@example.com\r\n"
        + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\nSubject: hi\r\n";

    private static IsMalformed matcher(String condition) throws MessagingException {
        IsMalformed matcher = new IsMalformed();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsMalformed").condition(condition).build());
        return matcher;
    }

    private static Mail mail(String rfc822) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(rfc822.getBytes(StandardCharsets.ISO_8859_1)));
        return FakeMail.builder().name("mail1").sender("a@example.org").recipients("b@example.com", "c@example.com")
            .mimeMessage(message).build();
    }

    @Test
    void matchShouldReturnAllRecipientsAndRecordTheReasonsWhenMalformed() throws Exception {
        Mail mail = mail(HEADER + "\r\n" + "x".repeat(1000) + "\r\n");

        assertThat(matcher("all").match(mail)).containsExactlyElementsOf(mail.getRecipients());
        assertThat(IsMalformed.reasons(mail)).contains("line-length: line 6 has 1000 octets (at most 998 before CRLF)");
    }

    @Test
    void matchShouldJoinSeveralReasons() throws Exception {
        Mail mail = mail(HEADER + "Content-Transfer-Encoding: 7-bit\r\n\r\n" + "x".repeat(1000) + "\r\n");

        matcher("all").match(mail);

        assertThat(IsMalformed.reasons(mail).orElseThrow().split("; ")).containsExactlyInAnyOrder(
            "transfer-encoding: message header: unknown Content-Transfer-Encoding 7-bit",
            "line-length: line 7 has 1000 octets (at most 998 before CRLF)");
    }

    @Test
    void matchShouldReturnNothingAndLeaveNoAttributeWhenWellFormed() throws Exception {
        Mail mail = mail(HEADER + "\r\nHello\r\n");

        assertThat(matcher("all").match(mail)).isEmpty();
        assertThat(IsMalformed.reasons(mail)).isEmpty();
    }

    @Test
    void matchShouldIgnoreRulesNotInTheCondition() throws Exception {
        Mail mail = mail(HEADER + "\r\n" + "x".repeat(1000) + "\r\n");

        assertThat(matcher("header-syntax,mime-structure").match(mail)).isEmpty();
    }

    @Test
    void missingHeaderSeparatorShouldMatch() throws Exception {
        Mail mail = mail(HEADER + "Hello Bob, no blank line before me\r\n");

        assertThat(matcher("all").match(mail)).hasSize(2);
        assertThat(IsMalformed.reasons(mail).orElseThrow()).startsWith("header-syntax: ");
    }

    @Test
    void initShouldRefuseAnUnknownRuleNamingTheAllowedOnes() {
        assertThatThrownBy(() -> matcher("all,strict"))
            .isInstanceOf(MailetException.class)
            .hasMessageContaining("IsMalformed=all,strict")
            .hasMessageContaining("'strict' is not a rule")
            .hasMessageContaining("transfer-encoding");
    }

    @Test
    void initShouldRefuseAnEmptyCondition() {
        assertThatThrownBy(() -> matcher("")).isInstanceOf(MailetException.class).hasMessageContaining("no rules");
    }
}
