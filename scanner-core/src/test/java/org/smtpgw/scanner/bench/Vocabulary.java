package org.smtpgw.scanner.bench;

import java.util.Random;

/** Deterministic pseudo-words for text bodies and text signatures. */
final class Vocabulary {
    private static final String[] WORDS = build();

    private Vocabulary() {
    }

    private static String[] build() {
        String[] syllables = {"ra", "to", "men", "del", "qui", "sa", "por", "ex", "an", "te", "lo", "vis", "cor",
            "pre", "ment", "di", "ber", "ga", "tion", "ul", "sen", "ko", "par", "re", "in", "mo", "st", "al"};
        Random random = new Random(7);
        String[] words = new String[2000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int s = 1 + random.nextInt(3); s > 0; s--) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            words[i] = word.toString();
        }
        return words;
    }

    /** Words with a Zipf-like bias, as in real text: a few words are very common. */
    static String word(Random random) {
        double u = random.nextDouble();
        return WORDS[(int) (WORDS.length * u * u * u)];
    }

    static String phrase(Random random, int words) {
        StringBuilder phrase = new StringBuilder(word(random));
        for (int i = 1; i < words; i++) {
            phrase.append(' ').append(word(random));
        }
        return phrase.toString();
    }

    /** Words drawn uniformly from the vocabulary. */
    static String uniformPhrase(Random random, int words) {
        StringBuilder phrase = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
        for (int i = 1; i < words; i++) {
            phrase.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return phrase.toString();
    }

    /** About {@code bytes} of text in lines of at most 76 characters, CRLF-separated, with sentences. */
    static String text(Random random, int bytes) {
        StringBuilder text = new StringBuilder(bytes + 100);
        int line = 0;
        while (text.length() < bytes) {
            String word = word(random);
            if (line + word.length() + 1 > 76) {
                text.append("\r\n");
                line = 0;
            } else if (line > 0) {
                text.append(' ');
                line++;
            }
            text.append(word);
            line += word.length();
            if (random.nextInt(12) == 0) {
                text.append('.');
                line++;
            }
        }
        return text.append("\r\n").toString();
    }
}
