package org.smtpgw.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Edits an {@code smtpgw.conf} text as an administrator would: sets the values of a key in a section,
 * replacing its existing lines (a repeated key such as ForwardRoute gets all the given values), and keeps
 * everything else of the file as it is.
 */
public final class ConfEditor {
    private final List<String> lines;

    public ConfEditor(String text) {
        this.lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
    }

    public ConfEditor set(String section, String key, String... values) {
        int start = sectionStart(section);
        if (start < 0) {
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            lines.add("");
            lines.add("[" + section + "]");
            start = lines.size() - 1;
            lines.add("");
        }
        int end = sectionEnd(start);
        int insertAt = -1;
        for (int i = end - 1; i > start; i--) {
            if (isKey(lines.get(i), key)) {
                lines.remove(i);
                end--;
                insertAt = i;
            }
        }
        if (insertAt < 0) {
            insertAt = end;
            while (insertAt - 1 > start && lines.get(insertAt - 1).isBlank()) {
                insertAt--;
            }
        }
        for (int i = values.length - 1; i >= 0; i--) {
            lines.add(insertAt, key + "=" + values[i]);
        }
        return this;
    }

    public String text() {
        return String.join("\n", lines);
    }

    private int sectionStart(String section) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equalsIgnoreCase("[" + section + "]")) {
                return i;
            }
        }
        return -1;
    }

    private int sectionEnd(int start) {
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("[")) {
                return i;
            }
        }
        return lines.size();
    }

    private static boolean isKey(String line, String key) {
        String trimmed = line.trim();
        int equals = trimmed.indexOf('=');
        return equals > 0 && !trimmed.startsWith("#") && !trimmed.startsWith(";")
            && trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT));
    }
}
