package org.smtpgw.mailets.delivery;

import java.io.IOException;
import java.util.Locale;

import javax.mail.MessagingException;
import javax.mail.SendFailedException;

import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;

/** What a failed sending means for the statistics (manual A.5, {@code mta_sendings_refused_*}). */
enum SendingFailure {
    /** I/O error or timeout on an established connection: {@code mta_outgoing_connection_errors}. */
    CONNECTION_ERROR,
    /** The remote server refused the message because of its size: reply 552, or enhanced status 5.3.4. */
    REFUSED_FOR_SIZE,
    /** The remote server refused 8-bit content: enhanced status 5.6.3, or a reply naming 8BITMIME. */
    REFUSED_FOR_8BITMIME,
    /** Any other refusal of the message by a reply (MAIL FROM, every RCPT TO, DATA or the end of data). */
    REFUSED,
    /** Some recipients were refused but the message was sent to the others: not a refusal of the message. */
    NOT_A_REFUSAL;

    static SendingFailure of(MessagingException e) {
        if (hasIoCause(e)) {
            return CONNECTION_ERROR;
        }
        if (e instanceof SendFailedException sfe && sfe.getValidSentAddresses() != null
            && sfe.getValidSentAddresses().length > 0) {
            return NOT_A_REFUSAL;
        }
        int code = -1;
        String text = "";
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
                text = text + " " + s.getMessage();
            } else if (x instanceof SMTPAddressFailedException a) {
                text = text + " " + a.getMessage();
            }
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (code == 552 || upper.contains("5.3.4")) {
            return REFUSED_FOR_SIZE;
        }
        if (upper.contains("5.6.3") || upper.contains("8BITMIME")) {
            return REFUSED_FOR_8BITMIME;
        }
        return REFUSED;
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable x = e; x != null; x = next(x)) {
            if (x instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable x) {
        if (x instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return x.getCause() == x ? null : x.getCause();
    }
}
