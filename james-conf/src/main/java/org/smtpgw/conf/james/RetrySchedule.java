package org.smtpgw.conf.james;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.smtpgw.conf.model.Timeouts;

/**
 * RemoteDelivery's {@code delayTime} and {@code maxRetries} from the manual's backoff keys.
 *
 * <p>Formula: the n-th retry waits {@code min(MinimalBackoffTime * 2^(n-1), MaximalBackoffTime)} seconds after
 * the previous attempt; retries go on while the time waited so far is below {@code MaximalQueueLifetime} days,
 * so the last retry is the first one at or past the lifetime. Then the message is given up and bounced.
 * {@code TestRetryDelays}, when set, replaces the whole schedule.
 *
 * @param delaysSeconds the wait before each retry, in order
 */
public record RetrySchedule(List<Integer> delaysSeconds) {

    public RetrySchedule {
        delaysSeconds = List.copyOf(delaysSeconds);
    }

    public static RetrySchedule of(Timeouts t) {
        if (t.testRetryDelays().isPresent()) {
            return new RetrySchedule(t.testRetryDelays().get());
        }
        long lifetime = t.maximalQueueLifetimeDays() * 86_400L;
        List<Integer> delays = new ArrayList<>();
        long waited = 0;
        long next = t.minimalBackoffTime();
        while (waited < lifetime) {
            int delay = (int) Math.min(next, t.maximalBackoffTime());
            delays.add(delay);
            waited += delay;
            next = Math.min(next * 2, t.maximalBackoffTime());
        }
        return new RetrySchedule(delays);
    }

    public int maxRetries() {
        return delaysSeconds.size();
    }

    /** RemoteDelivery syntax, equal neighbours folded: {@code 1800 seconds, 3600 seconds, 19*21600 seconds}. */
    public String delayTime() {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < delaysSeconds.size()) {
            int d = delaysSeconds.get(i);
            int j = i;
            while (j < delaysSeconds.size() && delaysSeconds.get(j) == d) {
                j++;
            }
            int count = j - i;
            parts.add((count > 1 ? count + "*" : "") + d + " seconds");
            i = j;
        }
        return parts.stream().collect(Collectors.joining(", "));
    }
}
