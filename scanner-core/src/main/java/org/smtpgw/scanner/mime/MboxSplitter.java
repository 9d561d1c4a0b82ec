package org.smtpgw.scanner.mime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Unix mailbox file (mbox) into its messages: each starts at a {@code From } line at the start of the
 * file or after an empty line. Quoted {@code >From } lines are unquoted (mboxrd), which is harmless for the other
 * mbox variants. Hand-written: no library in the project reads mbox, and the format is a line rule. Stateless.
 */
public final class MboxSplitter {

    private MboxSplitter() {
    }

    /** The messages (without their {@code From } separator line), at most {@code maxMessages + 1}. */
    public static List<byte[]> split(byte[] mbox, int maxMessages) {
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream current = null;
        boolean previousEmpty = true;
        int position = 0;
        while (position < mbox.length && messages.size() <= maxMessages) {
            int end = position;
            while (end < mbox.length && mbox[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, mbox.length);
            boolean separator = previousEmpty && startsWith(mbox, position, "From ");
            if (separator) {
                if (current != null) {
                    messages.add(current.toByteArray());
                }
                current = new ByteArrayOutputStream();
            } else if (current != null) {
                int from = position;
                if (isQuotedFrom(mbox, position)) {
                    from++;
                }
                current.write(mbox, from, next - from);
            }
            previousEmpty = end == position || (end == position + 1 && mbox[position] == '\r');
            position = next;
        }
        if (current != null && messages.size() <= maxMessages) {
            messages.add(current.toByteArray());
        }
        return messages;
    }

    private static boolean isQuotedFrom(byte[] data, int position) {
        int i = position;
        while (i < data.length && data[i] == '>') {
            i++;
        }
        return i > position && startsWith(data, i, "From ");
    }

    private static boolean startsWith(byte[] data, int position, String prefix) {
        if (data.length - position < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[position + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
