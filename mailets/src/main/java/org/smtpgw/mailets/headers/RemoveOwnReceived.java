package org.smtpgw.mailets.headers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.smtpgw.mailets.common.MailetParameters;

/**
 * Removes the {@code Received} header James' SMTP server added when it took the message (PrependReceived=false):
 * the topmost {@code Received} header, and only when it is this gateway's, that is when it reads
 * {@code from HOST (EHLO helo) ([IP])} like James' and its {@code by} names {@code hostname} (James'
 * {@code helloName}).
 * Any other host's header is left alone, and so are all other headers, their order and the body. Place it after
 * whatever needs the message as received (the RECEIVED event, the incoming archive).
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpgw.mailets.headers.RemoveOwnReceived">
 *   <hostname>gw1.example.com</hostname> <!-- required: the SMTP server's helloName -->
 * </mailet>
 * }</pre>
 */
public class RemoveOwnReceived extends GenericMailet {
    public static final String HOSTNAME = "hostname";
    static final String RECEIVED = "Received";
    /** James' ReceivedDataLineFilter writes {@code from REMOTE-HOST (EHLO helo) ([IP])}, the HELO part if any. */
    private static final Pattern JAMES_FROM =
        Pattern.compile("^\\s*from\\s+\\S+(?:\\s+\\([^()]*\\))?\\s+\\(\\[[^\\]\\s]+\\]\\)");

    private Pattern byHost;

    @Inject
    public RemoveOwnReceived() {
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(HOSTNAME));
        String hostname = new MailetParameters(getMailetConfig()).required(HOSTNAME, "this gateway's host name");
        byHost = Pattern.compile("\\sby\\s+" + Pattern.quote(hostname) + "(?=[\\s;(]|$)", Pattern.CASE_INSENSITIVE);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<String> lines = Collections.list(message.getAllHeaderLines());
        int own = topmostReceived(lines);
        if (own < 0 || !isOurs(lines.get(own))) {
            return;
        }
        // JavaMail can only remove every header of a name, and addHeader puts Received headers first: so all
        // headers are removed and the raw lines re-appended in their order, which keeps folding and order intact.
        Set<String> names = new LinkedHashSet<>();
        for (Header h : Collections.list(message.getAllHeaders())) {
            names.add(h.getName());
        }
        List<String> kept = new ArrayList<>(lines);
        kept.remove(own);
        for (String name : names) {
            message.removeHeader(name);
        }
        for (String line : kept) {
            message.addHeaderLine(line);
        }
    }

    private static int topmostReceived(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(RECEIVED)) {
                return i;
            }
        }
        return -1;
    }

    private boolean isOurs(String line) {
        String value = MimeUtility.unfold(line.substring(line.indexOf(':') + 1));
        return JAMES_FROM.matcher(value).find() && byHost.matcher(value).find();
    }
}
