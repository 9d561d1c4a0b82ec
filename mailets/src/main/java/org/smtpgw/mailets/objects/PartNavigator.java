package org.smtpgw.mailets.objects;

import java.io.IOException;
import java.util.Optional;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;

import org.smtpgw.mailets.common.Messages;

/**
 * Finds a MIME part of a javax.mail message by its IMAP part number, numbered as scanner-core's
 * {@code ObjectPath} does (RFC 3501 6.4.5): the body of a single-part message is {@code 1}; the parts of a multipart
 * are {@code 1}, {@code 2}, ...; the parts of a message attached as part {@code 3} are {@code 3.1}, {@code 3.2}, ...
 * (its body is {@code 3.1} when it is single-part).
 *
 * <p>javax.mail parses an attached message into a separate object; changing a part inside it does not change the
 * carrying part's bytes until the carrying part is given the message again. {@link #commit(MimeMessage, String)}
 * does that for every attached message on the way to a part.
 */
final class PartNavigator {
    private PartNavigator() {
    }

    /** The part with this number, if there is one. */
    static Optional<MimePart> find(MimeMessage message, String number) throws MessagingException, IOException {
        return find(message, number.split("\\."), 0);
    }

    private static Optional<MimePart> find(MimePart entity, String[] numbers, int index)
        throws MessagingException, IOException {
        if (index == numbers.length) {
            return Optional.of(entity);
        }
        int n = Integer.parseInt(numbers[index]);
        MimePart container = entity;
        if (index > 0 && entity.isMimeType("message/rfc822") && entity.getContent() instanceof MimeMessage nested) {
            container = nested;
        }
        Object content = container.getContent();
        if (content instanceof Multipart multipart) {
            if (n < 1 || n > multipart.getCount()) {
                return Optional.empty();
            }
            BodyPart part = multipart.getBodyPart(n - 1);
            return part instanceof MimePart mime ? find(mime, numbers, index + 1) : Optional.empty();
        }
        // A single-part body is part 1 of its message.
        return n == 1 ? find(container, numbers, index + 1) : Optional.empty();
    }

    /**
     * After a change below an attached message: gives every attached message on the path to {@code number} back to
     * its carrying part, innermost first, so the change reaches the outer message's bytes.
     */
    static void commit(MimeMessage message, String number) throws MessagingException, IOException {
        String[] numbers = number.split("\\.");
        for (int depth = numbers.length - 1; depth >= 1; depth--) {
            String prefix = String.join(".", java.util.Arrays.copyOf(numbers, depth));
            Optional<MimePart> carrier = find(message, prefix);
            if (carrier.isPresent() && carrier.get().isMimeType("message/rfc822")
                && carrier.get().getContent() instanceof MimeMessage nested) {
                Messages.saveKeepingMessageId(nested);
                ((Part) carrier.get()).setContent(nested, "message/rfc822");
            }
        }
    }
}
