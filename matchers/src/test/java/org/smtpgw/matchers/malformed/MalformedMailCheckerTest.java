package org.smtpgw.matchers.malformed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MalformedMailCheckerTest {
    private static final String HEADER = "From: a@example.org\r\nTo: b@example.com\r\nDate: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
        + "Subject: hi\r\nMessage-ID: <1@example.org>\r\n";

    /** Lines joined with CRLF, ending with CRLF. */
    static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static List<Finding> check(String message) throws Exception {
        return check(message.getBytes(StandardCharsets.ISO_8859_1), MalformedRules.all());
    }

    static List<Finding> check(byte[] message, MalformedRules rules) throws Exception {
        return new MalformedMailChecker(rules).check(new ByteArrayInputStream(message));
    }

    static List<MalformedRule> rules(String message) throws Exception {
        return check(message).stream().map(Finding::rule).toList();
    }

    static String multipart(String boundary, String... parts) {
        StringBuilder out = new StringBuilder(HEADER + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\""
            + boundary + "\"\r\n\r\npreamble\r\n");
        for (String part : parts) {
            out.append("--").append(boundary).append("\r\n").append(part);
        }
        return out.append("--").append(boundary).append("--\r\n").toString();
    }

    @Test
    void wellFormedMessagesShouldHaveNoFinding() throws Exception {
        assertThat(check(HEADER + "\r\nHello\r\n")).isEmpty();
        assertThat(check(multipart("b1",
            crlf("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                "caf=C3=A9 =", "soft break"),
            crlf("Content-Type: application/octet-stream; name=a.bin", "Content-Transfer-Encoding: base64", "",
                "SGVsbG8gd29ybGQ=")))).isEmpty();
    }

    @Test
    void headersOnlyMessageShouldBeWellFormed() throws Exception {
        assertThat(check(HEADER)).as("RFC 5322: the body is optional").isEmpty();
    }

    @Test
    void utf8InHeadersShouldBeAllowed() throws Exception {
        String message = HEADER.replace("Subject: hi", "Subject: caf\u00c3\u00a9") + "\r\nbody\r\n";
        assertThat(check(message)).isEmpty();
    }

    @Test
    void obsoleteHeaderSyntaxShouldBeAccepted() throws Exception {
        assertThat(check(HEADER + "X-Old : spaced colon\r\n\r\nbody\r\n")).isEmpty();
    }

    @Nested
    class LineEndings {
        @Test
        void bareCrShouldBeFound() throws Exception {
            List<Finding> findings = check(HEADER + "\r\nline one\rstill one\r\n");
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo(MalformedRule.LINE_ENDINGS);
                assertThat(f.detail()).isEqualTo("line 7: a CR not followed by LF (bare CR)");
            });
        }

        @Test
        void bareLfShouldBeFound() throws Exception {
            assertThat(check(HEADER + "\r\nline one\nline two\r\n")).singleElement()
                .satisfies(f -> assertThat(f.toString()).isEqualTo("line-endings: line 7: an LF not preceded by CR (bare LF)"));
        }

        @Test
        void crAtTheVeryEndShouldBeFound() throws Exception {
            assertThat(rules(HEADER + "\r\nbody\r")).containsExactly(MalformedRule.LINE_ENDINGS);
        }
    }

    @Test
    void nulOctetShouldBeFound() throws Exception {
        assertThat(check(HEADER + "\r\nab\0c\r\n")).singleElement()
            .satisfies(f -> assertThat(f.toString()).isEqualTo("nul: line 7: a NUL octet"));
    }

    @Nested
    class LineLength {
        @Test
        void lineOf999OctetsShouldBeFound() throws Exception {
            assertThat(check(HEADER + "\r\n" + "x".repeat(999) + "\r\n")).singleElement()
                .satisfies(f -> assertThat(f.toString()).isEqualTo("line-length: line 7 has 999 octets (at most 998 before CRLF)"));
        }

        @Test
        void lineOf998OctetsShouldPass() throws Exception {
            assertThat(check(HEADER + "\r\n" + "x".repeat(998) + "\r\n")).isEmpty();
        }

        @Test
        void longLastLineWithoutLineEndShouldBeFound() throws Exception {
            assertThat(rules(HEADER + "\r\n" + "x".repeat(1200))).containsExactly(MalformedRule.LINE_LENGTH);
        }
    }

    @Nested
    class HeaderSyntax {
        @Test
        void missingSeparatorBetweenHeaderAndBodyShouldBeFound() throws Exception {
            assertThat(check(HEADER + "Hello Bob, how are you\r\n")).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo(MalformedRule.HEADER_SYNTAX);
                assertThat(f.detail()).isEqualTo("message header: a header line that is not a field (name, colon,"
                    + " value), nor the continuation of one");
            });
        }

        @Test
        void lineWithoutColonShouldBeFound() throws Exception {
            assertThat(rules(HEADER + "Garbage\r\n\r\nbody\r\n")).containsExactly(MalformedRule.HEADER_SYNTAX);
        }

        @Test
        void brokenHeaderOfABodyPartShouldBeFound() throws Exception {
            assertThat(check(multipart("b1", crlf("Content-Type: text/plain", "not a header", "", "text"))))
                .extracting(Finding::rule).containsExactly(MalformedRule.HEADER_SYNTAX);
        }
    }

    @Nested
    class HeaderEightBit {
        @Test
        void latin1InASubjectShouldBeFound() throws Exception {
            String message = HEADER.replace("Subject: hi", "Subject: caf\u00e9") + "\r\nbody\r\n";
            assertThat(check(message)).singleElement().satisfies(f -> assertThat(f.toString())
                .isEqualTo("header-8bit: message header: header field Subject has 8-bit octets that are not UTF-8"));
        }

        @Test
        void latin1InAPartHeaderShouldBeFound() throws Exception {
            assertThat(check(multipart("b1", crlf("Content-Type: text/plain; name=\"caf\u00e9.txt\"", "", "x"))))
                .extracting(Finding::toString)
                .containsExactly("header-8bit: part 1: header field Content-Type has 8-bit octets that are not UTF-8");
        }
    }

    @Nested
    class RequiredHeaders {
        @Test
        void missingFromShouldBeFound() throws Exception {
            assertThat(check(HEADER.replace("From: a@example.org\r\n", "") + "\r\nx\r\n")).extracting(Finding::toString)
                .containsExactly("required-headers: no From header field");
        }

        @Test
        void missingDateShouldBeFound() throws Exception {
            assertThat(check(HEADER.replace("Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n", "") + "\r\nx\r\n"))
                .extracting(Finding::toString).containsExactly("required-headers: no Date header field");
        }

        @Test
        void twoSubjectsShouldBeFound() throws Exception {
            assertThat(check(HEADER + "subject: again\r\n\r\nx\r\n")).extracting(Finding::toString)
                .containsExactly("required-headers: 2 Subject header fields (at most one allowed)");
        }

        @Test
        void attachedMessageWithoutDateShouldPass() throws Exception {
            String attached = crlf("Content-Type: message/rfc822", "", "From: c@example.net", "Subject: draft", "",
                "text");
            assertThat(check(multipart("b1", crlf("Content-Type: text/plain", "", "see attached"), attached)))
                .isEmpty();
        }
    }

    @Nested
    class MimeStructure {
        @Test
        void multipartWithoutBoundaryParameterShouldBeFound() throws Exception {
            String message = HEADER + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext\r\n--x--\r\n";
            assertThat(check(message)).extracting(Finding::toString)
                .containsExactly("mime-structure: message header: multipart without a boundary parameter");
        }

        @Test
        void unterminatedMultipartShouldBeFound() throws Exception {
            String message = multipart("b1", crlf("Content-Type: text/plain", "", "one"));
            String cut = message.substring(0, message.lastIndexOf("--b1--"));
            assertThat(check(cut)).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo(MalformedRule.MIME_STRUCTURE);
                assertThat(f.detail()).endsWith("a multipart not closed by its final boundary");
            });
        }

        @Test
        void boundaryOver70CharactersShouldBeFound() throws Exception {
            assertThat(rules(multipart("b".repeat(71), crlf("Content-Type: text/plain", "", "one"))))
                .contains(MalformedRule.MIME_STRUCTURE);
        }

        @Test
        void boundaryWithForbiddenCharacterShouldBeFound() throws Exception {
            assertThat(rules(multipart("a;b", crlf("Content-Type: text/plain", "", "one"))))
                .containsExactly(MalformedRule.MIME_STRUCTURE);
        }

        @Test
        void multipartWithoutAnyPartShouldBeFound() throws Exception {
            String message = HEADER + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n"
                + "just text, no delimiter\r\n";
            assertThat(rules(message)).containsExactly(MalformedRule.MIME_STRUCTURE);
        }
    }

    @Nested
    class TransferEncoding {
        @Test
        void unknownEncodingShouldBeFound() throws Exception {
            assertThat(check(HEADER + "Content-Transfer-Encoding: 8-bit\r\n\r\nx\r\n")).extracting(Finding::toString)
                .containsExactly("transfer-encoding: message header: unknown Content-Transfer-Encoding 8-bit");
        }

        @Test
        void privateEncodingShouldBeAccepted() throws Exception {
            assertThat(check(HEADER + "Content-Transfer-Encoding: x-uuencode\r\n\r\nx\r\n")).isEmpty();
        }

        @Test
        void eightBitOctetsInA7bitPartShouldBeFound() throws Exception {
            assertThat(check(HEADER + "\r\ncaf\u00e9\r\n")).extracting(Finding::toString).containsExactly(
                "transfer-encoding: message header: 8-bit octets in a 7bit part (no or a 7bit Content-Transfer-Encoding)");
        }

        @Test
        void eightBitOctetsIn8bitPartShouldPass() throws Exception {
            assertThat(check(HEADER + "Content-Transfer-Encoding: 8bit\r\n\r\ncaf\u00e9\r\n")).isEmpty();
        }

        @Test
        void invalidBase64ShouldBeFound() throws Exception {
            assertThat(check(multipart("b1", crlf("Content-Type: application/octet-stream",
                "Content-Transfer-Encoding: base64", "", "SGVs*bG8="))))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(MalformedRule.TRANSFER_ENCODING);
                    assertThat(f.detail()).startsWith("part 1: base64: ");
                });
        }

        @Test
        void truncatedBase64ShouldBeFound() throws Exception {
            assertThat(rules(multipart("b1", crlf("Content-Type: application/octet-stream",
                "Content-Transfer-Encoding: base64", "", "SGVsbG8gd29"))))
                .containsExactly(MalformedRule.TRANSFER_ENCODING);
        }

        @Test
        void invalidQuotedPrintableEscapeShouldBeFound() throws Exception {
            assertThat(rules(multipart("b1", crlf("Content-Type: text/plain",
                "Content-Transfer-Encoding: quoted-printable", "", "100=ZZ sure"))))
                .containsExactly(MalformedRule.TRANSFER_ENCODING);
        }

        @Test
        void base64EncodedMultipartShouldBeFound() throws Exception {
            String message = multipart("b1", crlf("Content-Type: text/plain", "", "x"))
                .replace("MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nContent-Transfer-Encoding: base64\r\n");
            assertThat(check(message)).extracting(Finding::toString).containsExactly(
                "transfer-encoding: message header: multipart/mixed with Content-Transfer-Encoding base64 (only 7bit, 8bit or binary)");
        }
    }

    @Nested
    class Nesting {
        /** {@code levels} multiparts, each inside the one before. */
        private String nested(int levels) {
            String inner = crlf("Content-Type: text/plain", "", "deep");
            for (int i = levels; i >= 2; i--) {
                String b = "b" + i;
                inner = "Content-Type: multipart/mixed; boundary=" + b + "\r\n\r\n--" + b + "\r\n" + inner + "--" + b
                    + "--\r\n";
            }
            return multipart("b1", inner);
        }

        @Test
        void nestingAtTheLimitShouldPass() throws Exception {
            assertThat(check(nested(20).getBytes(StandardCharsets.ISO_8859_1), MalformedRules.all())).isEmpty();
        }

        @Test
        void nestingBeyondTheLimitShouldBeFound() throws Exception {
            assertThat(check(nested(21).getBytes(StandardCharsets.ISO_8859_1), MalformedRules.all()))
                .extracting(Finding::toString)
                .containsExactly("nesting: more than 20 nested multiparts and attached messages");
        }

        @Test
        void attachedMessagesShouldCountAsLevels() throws Exception {
            String attached = crlf("Content-Type: message/rfc822", "", "From: c@example.net", "Subject: fw", "",
                "text");
            String message = multipart("b1", attached);
            assertThat(check(message.getBytes(StandardCharsets.ISO_8859_1), MalformedRules.parse("nesting:2")))
                .isEmpty();
            assertThat(check(message.getBytes(StandardCharsets.ISO_8859_1), MalformedRules.parse("nesting:1")))
                .extracting(Finding::rule).containsExactly(MalformedRule.NESTING);
        }
    }

    @Test
    void attachedMessageShouldBeCheckedAsAMessage() throws Exception {
        String attached = crlf("Content-Type: message/rfc822", "", "From: c@example.net", "Broken line", "", "text");
        assertThat(check(multipart("b1", attached))).extracting(Finding::toString).singleElement()
            .satisfies(s -> assertThat(s).startsWith("header-syntax: attached message 1: "));
    }

    @Test
    void onlyTheRulesAskedForShouldBeReported() throws Exception {
        String message = HEADER + "Garbage\r\n\r\n" + "x".repeat(1200) + "\rz\r\n";
        MalformedRules some = new MalformedRules(EnumSet.of(MalformedRule.LINE_LENGTH), 20);

        assertThat(check(message.getBytes(StandardCharsets.ISO_8859_1), some)).extracting(Finding::rule)
            .containsExactly(MalformedRule.LINE_LENGTH);
        assertThat(rules(message)).containsExactlyInAnyOrder(MalformedRule.HEADER_SYNTAX, MalformedRule.LINE_LENGTH,
            MalformedRule.LINE_ENDINGS);
    }
}
