package org.smtpgw.mailets.eventlog;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.smtpgw.matchers.verdict.VerdictAttributes;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ObjectPath;
import org.smtpgw.scanner.model.ScannedObject;

/** Mails as James hands them to mailets, with the Received header James prepends, and verdicts as Scan stores them. */
public final class TestMails {
    public static final String RECEIVED_BY_JAMES = "Received: from client.example.org (EHLO helo.example.org)"
        + " ([192.0.2.7])\r\n          by gw.example.com (JAMES SMTP Server ) with ESMTP ID 1234abcd\r\n"
        + "          for <rcpt@example.com>;\r\n          Sat, 28 Nov 2026 14:00:00 +0000 (UTC)\r\n";

    private TestMails() {
    }

    public static MimeMessage message(String headers) throws MessagingException {
        String text = headers + "From: sender@example.org\r\nTo: rcpt@example.com\r\nSubject: test\r\n"
            + "Message-ID: <msg-1@example.org>\r\n\r\nhello\r\n";
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static FakeMail.Builder mail(String name) throws MessagingException {
        return FakeMail.builder().name(name).sender("sender@example.org")
            .recipients("rcpt@example.com", "other@example.net")
            .remoteAddr("192.0.2.7")
            .mimeMessage(message(RECEIVED_BY_JAMES));
    }

    public static ScannedObject object(String part, ObjectStatus status, String... virusNames) {
        return new ScannedObject(ObjectPath.ofPart(part), Optional.of("file" + part), "application/octet-stream",
            "application/octet-stream", status, List.of(virusNames), Optional.empty(), 68, Optional.empty());
    }

    /** Stores a verdict the way the Scan mailet does. */
    public static Mail scanned(Mail mail, String group, ScannedObject... objects) {
        VerdictAttributes.store(mail, new MessageVerdict(List.of(objects)), group, "built-in 2026112801");
        return mail;
    }
}
