package org.smtpgw.scanner.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.james.mime4j.stream.NameValuePair;

/**
 * Reads one MIME parameter under RFC 2231: {@code name*=charset'lang'%XX..} (extended), {@code name*0=..;
 * name*1*=..} (continuations, each section possibly percent-encoded), else plain {@code name=..}; the extended form
 * wins over continuations, which win over the plain one.
 *
 * <p>Hand-written because mime4j 0.8.9's {@code MimeParameterMapping} merges a plain and an extended parameter of
 * the same name into one string ({@code a.exea.exe}) and decodes {@code +} as a space.
 */
final class Rfc2231 {

    private Rfc2231() {
    }

    static Optional<String> parameter(List<NameValuePair> params, String wanted) {
        String extended = null;
        String plain = null;
        TreeMap<Integer, NameValuePair> sections = new TreeMap<>();
        for (NameValuePair pair : params) {
            if (pair.getValue() == null) {
                continue;
            }
            String name = pair.getName().toLowerCase(Locale.ROOT).trim();
            if (name.equals(wanted)) {
                plain = plain == null ? pair.getValue() : plain;
            } else if (name.equals(wanted + "*")) {
                extended = extended == null ? pair.getValue() : extended;
            } else if (name.startsWith(wanted + "*")) {
                String rest = name.substring(wanted.length() + 1);
                String digits = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
                if (!digits.isEmpty() && digits.length() < 6 && digits.chars().allMatch(Character::isDigit)) {
                    sections.putIfAbsent(Integer.parseInt(digits), pair);
                }
            }
        }
        if (extended != null) {
            return Optional.of(decodeSections(List.of(new NameValuePair(wanted + "*", extended))));
        }
        if (!sections.isEmpty()) {
            return Optional.of(decodeSections(List.copyOf(sections.values())));
        }
        return Optional.ofNullable(plain);
    }

    private static String decodeSections(List<NameValuePair> sections) {
        Charset charset = StandardCharsets.US_ASCII;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (NameValuePair section : sections) {
            String value = section.getValue();
            boolean encoded = section.getName().endsWith("*");
            if (encoded && first) {
                int charsetEnd = value.indexOf('\'');
                int languageEnd = charsetEnd < 0 ? -1 : value.indexOf('\'', charsetEnd + 1);
                if (languageEnd > 0) {
                    charset = charset(value.substring(0, charsetEnd));
                    value = value.substring(languageEnd + 1);
                }
            }
            first = false;
            if (encoded) {
                percentDecode(value, bytes);
            } else {
                bytes.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return new String(bytes.toByteArray(), charset);
    }

    private static void percentDecode(String value, ByteArrayOutputStream out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c > 0xFF ? '?' : c);
            }
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static Charset charset(String name) {
        if (name.isBlank()) {
            return StandardCharsets.US_ASCII;
        }
        try {
            return Charset.forName(name.trim());
        } catch (RuntimeException e) {
            // an unknown charset: UTF-8 decodes ASCII unchanged and most of what is sent today
            return StandardCharsets.UTF_8;
        }
    }
}
