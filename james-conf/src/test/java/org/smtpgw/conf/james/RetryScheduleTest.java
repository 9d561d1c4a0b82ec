package org.smtpgw.conf.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpgw.conf.model.Timeouts;

class RetryScheduleTest {

    private static Timeouts timeouts(int min, int max, int days, Optional<List<Integer>> test) {
        return new Timeouts(max, min, days, 1200, 1200, 1200, 120, 120, 300, 600, 300, 300, 300, 300, 300, 600, 300,
            300, test);
    }

    @Test
    void scheduleShouldDoubleFromMinimumUpToMaximumUntilTheLifetimeIsReached() {
        RetrySchedule s = RetrySchedule.of(timeouts(1800, 21600, 5, Optional.empty()));

        assertThat(s.delaysSeconds()).startsWith(1800, 3600, 7200, 14400, 21600, 21600);
        assertThat(s.delaysSeconds().stream().mapToLong(Integer::longValue).sum()).isGreaterThanOrEqualTo(5 * 86400L);
        assertThat(s.delaysSeconds().subList(0, s.maxRetries() - 1).stream().mapToLong(Integer::longValue).sum())
            .isLessThan(5 * 86400L);
        assertThat(s.delayTime()).isEqualTo("1800 seconds, 3600 seconds, 7200 seconds, 14400 seconds, 19*21600 seconds");
        assertThat(s.maxRetries()).isEqualTo(23);
    }

    @Test
    void scheduleShouldNeverWaitMoreThanTheMaximum() {
        RetrySchedule s = RetrySchedule.of(timeouts(64800, 64800, 14, Optional.empty()));

        assertThat(s.delaysSeconds()).containsOnly(64800);
        assertThat(s.maxRetries()).isEqualTo(19);
    }

    @Test
    void testRetryDelaysShouldReplaceTheComputedSchedule() {
        RetrySchedule s = RetrySchedule.of(timeouts(1800, 21600, 5, Optional.of(List.of(1, 1, 2))));

        assertThat(s.delayTime()).isEqualTo("2*1 seconds, 2 seconds");
        assertThat(s.maxRetries()).isEqualTo(3);
    }
}
