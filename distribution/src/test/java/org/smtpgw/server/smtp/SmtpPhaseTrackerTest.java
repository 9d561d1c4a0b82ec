package org.smtpgw.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smtpgw.server.smtp.SmtpPhaseTracker.Phase;

class SmtpPhaseTrackerTest {
    private final SmtpPhaseTracker tracker = new SmtpPhaseTracker();

    private void exchange(String line, int code) {
        tracker.lineReceived(line + "\r\n");
        tracker.replied(code);
    }

    @Test
    void greetingAloneLeavesTheCommandPhase() {
        tracker.replied(220);

        assertThat(tracker.phase()).isEqualTo(Phase.COMMAND);
        assertThat(tracker.waitingForClient()).isTrue();
    }

    @Test
    void heloMailAndAFirstRefusedRcptStayInTheCommandPhase() {
        exchange("EHLO client", 250);
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("RCPT TO:<b@example.net>", 550);

        assertThat(tracker.phase()).isEqualTo(Phase.COMMAND);
    }

    @Test
    void anAcceptedRcptStartsTheDataInitiationPhase() {
        exchange("EHLO client", 250);
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("rcpt to:<b@example.net>", 250);

        assertThat(tracker.phase()).isEqualTo(Phase.DATA_INITIATION);
    }

    @Test
    void dataAnsweredWith354StartsTheDataTerminationPhaseUntilTheDot() {
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("RCPT TO:<b@example.net>", 250);
        exchange("DATA", 354);
        tracker.lineReceived("Subject: x\r\n");
        tracker.lineReceived("..not the end\r\n");

        assertThat(tracker.phase()).isEqualTo(Phase.DATA_TERMINATION);
        assertThat(tracker.waitingForClient()).isTrue();

        tracker.lineReceived(".\r\n");
        assertThat(tracker.waitingForClient()).as("server busy accepting the message").isFalse();
        tracker.replied(250);
        assertThat(tracker.phase()).isEqualTo(Phase.COMMAND);
    }

    @Test
    void refusedDataStaysInTheDataInitiationPhase() {
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("RCPT TO:<b@example.net>", 250);
        exchange("DATA", 554);

        assertThat(tracker.phase()).isEqualTo(Phase.DATA_INITIATION);
    }

    @Test
    void rsetEndsTheTransaction() {
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("RCPT TO:<b@example.net>", 250);
        exchange("RSET", 250);

        assertThat(tracker.phase()).isEqualTo(Phase.COMMAND);
    }

    @Test
    void pipelinedCommandsAreMatchedToTheirRepliesInOrder() {
        tracker.lineReceived("MAIL FROM:<a@example.com>\r\n");
        tracker.lineReceived("RCPT TO:<b@example.net>\r\n");
        tracker.lineReceived("RCPT TO:<c@example.net>\r\n");
        tracker.replied(250);
        tracker.replied(550);
        assertThat(tracker.waitingForClient()).isFalse();
        assertThat(tracker.phase()).isEqualTo(Phase.COMMAND);

        tracker.replied(250);
        assertThat(tracker.waitingForClient()).isTrue();
        assertThat(tracker.phase()).isEqualTo(Phase.DATA_INITIATION);
    }

    @Test
    void onlyAThreeByteDotLineEndsTheContentAsInJames() {
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("RCPT TO:<b@example.net>", 250);
        exchange("DATA", 354);
        tracker.lineReceived(".\r\r\n");
        tracker.lineReceived(".\n");

        assertThat(tracker.phase()).isEqualTo(Phase.DATA_TERMINATION);
        assertThat(tracker.waitingForClient()).isTrue();
    }

    @Test
    void verbIsTakenAfterLeadingBlanksAsInJames() {
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("  RCPT TO:<b@example.net>", 250);

        assertThat(tracker.phase()).isEqualTo(Phase.DATA_INITIATION);
    }

    @Test
    void any354StartsTheContent() {
        exchange("MAIL FROM:<a@example.com>", 250);
        exchange("RCPT TO:<b@example.net>", 250);
        exchange("\t                    DATA", 354);

        assertThat(tracker.phase()).isEqualTo(Phase.DATA_TERMINATION);
        assertThat(tracker.waitingForClient()).isTrue();
    }
}
