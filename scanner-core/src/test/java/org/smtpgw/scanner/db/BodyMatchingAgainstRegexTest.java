package org.smtpgw.scanner.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the automaton-and-verify matcher with a plain translation of each signature into a Java regular
 * expression, on random signatures and random data over a three-letter alphabet (so that partial matches abound).
 * The seed is fixed: a failure is reproducible.
 */
class BodyMatchingAgainstRegexTest {
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final int SIGNATURES = 300;
    private static final int OBJECTS = 300;

    @TempDir
    Path dir;

    private record Generated(String name, String offset, String hex, Pattern regex) {
    }

    @Test
    void automatonAgreesWithRegexTranslation() throws Exception {
        Random random = new Random(42);
        List<Generated> signatures = new ArrayList<>();
        StringBuilder ndb = new StringBuilder();
        for (int i = 0; i < SIGNATURES; i++) {
            Generated generated = generate("Sig" + i, random);
            signatures.add(generated);
            ndb.append(generated.name()).append(":0:").append(generated.offset()).append(':').append(generated.hex())
                .append('\n');
        }
        new DatabaseBuilder("1").addFile("random.ndb", ndb.toString()).writeTo(dir, KEYS.getPrivate());
        SignatureDatabase db = new DatabaseLoader(TrustedKeys.of(KEYS.getPublic())).load(dir);
        assertThat(db.counts().skipped()).isZero();

        int matches = 0;
        for (int o = 0; o < OBJECTS; o++) {
            byte[] data = new byte[random.nextInt(120)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ('A' + random.nextInt(3));
            }
            List<String> expected = new ArrayList<>();
            for (Generated signature : signatures) {
                if (regexMatches(signature, data)) {
                    expected.add(signature.name());
                }
            }
            matches += expected.size();
            assertThat(db.match(data)).as("object %s", new String(data, StandardCharsets.ISO_8859_1))
                .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(matches).as("the generator must produce matches to compare").isGreaterThan(100);
    }

    private static boolean regexMatches(Generated signature, byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Matcher matcher = signature.regex().matcher(text);
        BodyOffset offset = BodyOffset.parse(signature.offset());
        for (int start = 0; start <= text.length(); start++) {
            if (offset.allows(start, text.length())) {
                matcher.region(start, text.length());
                if (matcher.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Generated generate(String name, Random random) {
        StringBuilder hex = new StringBuilder();
        StringBuilder regex = new StringBuilder();
        fixed(hex, regex, 2 + random.nextInt(3), random);
        for (int part = random.nextInt(4); part > 0; part--) {
            switch (random.nextInt(8)) {
                case 0 -> {
                    hex.append("??");
                    regex.append('.');
                }
                case 1 -> {
                    hex.append('*');
                    regex.append(".*");
                }
                case 2 -> {
                    int n = random.nextInt(4);
                    hex.append('{').append(n).append('}');
                    regex.append(".{").append(n).append('}');
                }
                case 3 -> {
                    int n = random.nextInt(3);
                    int m = n + random.nextInt(4);
                    String form = switch (random.nextInt(3)) {
                        case 0 -> "{" + n + "-" + m + "}";
                        case 1 -> "{" + n + "-}";
                        default -> "{-" + m + "}";
                    };
                    hex.append(form);
                    regex.append(form.startsWith("{-") ? ".{0," + m + "}"
                        : form.endsWith("-}") ? ".{" + n + ",}" : ".{" + n + "," + m + "}");
                }
                case 4 -> {
                    hex.append("(4142|43|4343)");
                    regex.append("(?:AB|C|CC)");
                }
                case 5 -> {
                    // high nibble fixed (4?: 0x40-0x4F), or low nibble fixed (?2: 0x02, 0x12, ... 0xF2)
                    if (random.nextBoolean()) {
                        hex.append("4?");
                        regex.append("[\\x40-\\x4f]");
                    } else {
                        hex.append("?2");
                        regex.append("[\\x02\\x12\\x22\\x32\\x42\\x52\\x62\\x72\\x82\\x92\\xa2\\xb2\\xc2\\xd2\\xe2\\xf2]");
                    }
                }
                case 6 -> {
                    if (random.nextBoolean()) {
                        hex.append("!(41|43)");
                        regex.append("(?!A|C).");
                    } else {
                        hex.append("!(4142|4343)");
                        regex.append("(?!AB|CC)..");
                    }
                }
                default -> {
                }
            }
            fixed(hex, regex, 1 + random.nextInt(3), random);
        }
        String offset = switch (random.nextInt(6)) {
            case 0 -> String.valueOf(random.nextInt(10));
            case 1 -> random.nextInt(10) + "," + random.nextInt(20);
            case 2 -> "EOF-" + random.nextInt(30);
            case 3 -> "EOF-" + random.nextInt(30) + "," + random.nextInt(10);
            default -> "*";
        };
        return new Generated(name, offset, hex.toString(), Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static void fixed(StringBuilder hex, StringBuilder regex, int count, Random random) {
        for (int i = 0; i < count; i++) {
            char c = (char) ('A' + random.nextInt(3));
            hex.append(String.format(Locale.ROOT, "%02x", (int) c));
            regex.append(c);
        }
    }
}
