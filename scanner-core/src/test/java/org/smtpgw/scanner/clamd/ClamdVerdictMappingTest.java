package org.smtpgw.scanner.clamd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.engine.EngineResult;

/** How clamd's verdicts become object statuses (the table in {@link ClamdEngine}'s Javadoc). */
class ClamdVerdictMappingTest {

    @Test
    void okShouldBeClean() {
        assertThat(ClamdEngine.toResult(new ClamdReply.Clean())).isEqualTo(EngineResult.clean());
    }

    @Test
    void aSignatureShouldBeInfectedWithItsName() {
        assertThat(ClamdEngine.toResult(new ClamdReply.Found("Win.Trojan.Agent-1")))
            .isEqualTo(EngineResult.infected(List.of("Win.Trojan.Agent-1")));
    }

    @Test
    void encryptedHeuristicsShouldBeProtected() {
        EngineResult result = ClamdEngine.toResult(new ClamdReply.Found("Heuristics.Encrypted.PDF"));

        assertThat(result).isEqualTo(new EngineResult(ObjectStatus.PROTECTED, List.of("Heuristics.Encrypted.PDF"),
            Optional.empty(), Optional.of("encrypted (Heuristics.Encrypted.PDF)")));
    }

    @Test
    void exceededLimitsShouldBeAnError() {
        EngineResult result = ClamdEngine.toResult(new ClamdReply.Found("Heuristics.Limits.Exceeded.MaxFileSize"));

        assertThat(result.status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(result.virusNames()).containsExactly("Heuristics.Limits.Exceeded.MaxFileSize");
    }

    @Test
    void otherHeuristicsShouldBeSuspicious() {
        assertThat(ClamdEngine.toResult(new ClamdReply.Found("Heuristics.Phishing.Email.SpoofedDomain")))
            .isEqualTo(EngineResult.suspicious(List.of("Heuristics.Phishing.Email.SpoofedDomain")));
    }

    @Test
    void aNameThatOnlyContainsHeuristicsShouldStayInfected() {
        assertThat(ClamdEngine.toResult(new ClamdReply.Found("Win.Heuristics.Encrypted")).status())
            .isEqualTo(ObjectStatus.INFECTED);
    }

    @Test
    void anErrorShouldCarryClamdsReason() {
        assertThat(ClamdEngine.toResult(new ClamdReply.Error("Can't create temporary file")))
            .isEqualTo(EngineResult.error("clamd: Can't create temporary file"));
    }
}
