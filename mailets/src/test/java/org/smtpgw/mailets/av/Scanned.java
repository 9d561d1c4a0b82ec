package org.smtpgw.mailets.av;

import java.nio.file.Path;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.smtpgw.mailets.scan.Scan;
import org.smtpgw.mailets.scan.ScanEngineRegistry;

/** Mails scanned by the real Scan mailet with the built-in engine, for the tests of the mailets that follow it. */
public final class Scanned {
    private final Scan scan;
    private final Scan curingScan;

    private Scanned(Scan scan, Scan curingScan) {
        this.scan = scan;
        this.curingScan = curingScan;
    }

    public static Scanned with(Path temp) throws Exception {
        TestDatabase database = TestDatabase.create(temp);
        ScanEngineRegistry registry = new ScanEngineRegistry();
        return new Scanned(scan(registry, database, false), scan(registry, database, true));
    }

    private static Scan scan(ScanEngineRegistry registry, TestDatabase database, boolean cure) throws MessagingException {
        Scan scan = new Scan(registry);
        scan.init(FakeMailetConfig.builder().mailetName("Scan")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty(Scan.GROUP, "policy")
            .setProperty(Scan.DATABASE_PATH, database.directory().toString())
            .setProperty(Scan.TRUSTED_KEYS, database.publicKey().toString())
            .setProperty(Scan.CURE, String.valueOf(cure))
            .build());
        return scan;
    }

    /** A mail from sender@example.org to rcpt@example.com carrying this message, scanned without cure. */
    public Mail mail(String rfc822) throws MessagingException {
        return scanned(rfc822, scan, "sender@example.org");
    }

    public Mail mailFrom(String sender, String rfc822) throws MessagingException {
        return scanned(rfc822, scan, sender);
    }

    /** The same, scanned with cure on. */
    public Mail curedMail(String rfc822) throws MessagingException {
        return scanned(rfc822, curingScan, "sender@example.org");
    }

    private static Mail scanned(String rfc822, Scan scan, String sender) throws MessagingException {
        FakeMail.Builder builder = FakeMail.builder().name("mail1").recipients("rcpt@example.com", "other@example.com")
            .state("group-policy").mimeMessage(TestMessages.parse(rfc822));
        if (sender.isEmpty()) {
            builder.sender(org.apache.james.core.MaybeSender.nullSender());
        } else {
            builder.sender(sender);
        }
        Mail mail = builder.build();
        scan.service(mail);
        return mail;
    }
}
