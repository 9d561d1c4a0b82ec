package org.smtpgw.conf.model;

import java.util.List;
import java.util.Optional;

/** {@code [smtpgw.timeouts]}, all in seconds except {@code maximalQueueLifetimeDays}. */
public record Timeouts(int maximalBackoffTime, int minimalBackoffTime, int maximalQueueLifetimeDays,
                       int mxCacheRefreshPeriod, int unreachableCacheRefreshPeriod, int unresolvedCacheRefreshPeriod,
                       int readTimeout, int writeTimeout, int receivingCommandTimeout,
                       int receivingDataInitiationTimeout, int receivingDataTerminationTimeout,
                       int sendingInitialTimeout, int sendingHelloTimeout, int sendingMailTimeout,
                       int sendingRcptTimeout, int sendingDataInitiationTimeout, int sendingDataTerminationTimeout,
                       int sendingQuitTimeout, Optional<List<Integer>> testRetryDelays) {

    /** RemoteDelivery's {@code timeout} (JavaMail's fallback read timeout; each SMTP phase has its own): the largest. */
    public int sendingReplyTimeout() {
        return Math.max(Math.max(Math.max(sendingHelloTimeout, sendingMailTimeout), Math.max(sendingRcptTimeout,
            sendingDataInitiationTimeout)), Math.max(sendingDataTerminationTimeout, sendingQuitTimeout));
    }
}
