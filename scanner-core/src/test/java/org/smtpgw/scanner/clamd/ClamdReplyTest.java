package org.smtpgw.scanner.clamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClamdReplyTest {

    @Test
    void parseShouldReturnCleanForStreamOk() throws Exception {
        assertThat(ClamdReply.parseScanReply("stream: OK")).isEqualTo(new ClamdReply.Clean());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stream: Win.Test.EICAR_HDB-1 FOUND                        | Win.Test.EICAR_HDB-1",
        "stream: Heuristics.Encrypted.Zip FOUND                    | Heuristics.Encrypted.Zip",
        "stream: Name With Spaces FOUND                            | Name With Spaces",
        "stream: Vendor:Name:1 FOUND                               | Vendor:Name:1",
        "stream: stream: OK FOUND                                  | stream: OK",
        "stream: A FOUND B FOUND                                   | A FOUND B",
        "stream: Eicar(44d88612fea8a8f36de82e1278abb02f:68) FOUND  | Eicar",
        "stream: Odd(Name) FOUND                                   | Odd(Name)",
    })
    void parseShouldReturnTheWholeNameBetweenPrefixAndFound(String reply, String name) throws Exception {
        assertThat(ClamdReply.parseScanReply(reply)).isEqualTo(new ClamdReply.Found(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stream: Can't allocate memory ERROR       | Can't allocate memory",
        "INSTREAM size limit exceeded. ERROR       | INSTREAM size limit exceeded.",
        "Error processing command. ERROR           | Error processing command.",
    })
    void parseShouldReturnTheReasonOfAnError(String reply, String reason) throws Exception {
        assertThat(ClamdReply.parseScanReply(reply)).isEqualTo(new ClamdReply.Error(reason));
    }

    @Test
    void sizeLimitErrorShouldBeRecognised() throws Exception {
        ClamdReply reply = ClamdReply.parseScanReply("INSTREAM size limit exceeded. ERROR");

        assertThat(((ClamdReply.Error) reply).isSizeLimitExceeded()).isTrue();
        assertThat(new ClamdReply.Error("stream: other").isSizeLimitExceeded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "PONG",
        "stream:OK",
        "stream: ok",
        "stream: OK ",
        " stream: OK",
        "stream:  FOUND",
        "stream: FOUND",
        "stream:  Padded FOUND",
        "stream: Name FOUND\n",
        "stream: Name FOUNDX",
        "stream: ERROR",
        "ERROR",
        "UNKNOWN COMMAND",
        "COMMAND READ TIMED OUT",
        "1: stream: OK",
        "stream: Name FOUND\0stream: OK",
        "reply contains FOUND",
    })
    void parseShouldRejectAnythingElse(String reply) {
        assertThatThrownBy(() -> ClamdReply.parseScanReply(reply))
            .isInstanceOf(ClamdProtocolException.class)
            .hasMessageContaining("clamd");
    }

    @Test
    void rejectionShouldQuoteTheReplyWithControlCharactersEscaped() {
        assertThatThrownBy(() -> ClamdReply.parseScanReply("stream: A\nB FOUND"))
            .hasMessage("clamd reply has a control character at 9: 'stream: A\\x0aB FOUND'");
    }
}
