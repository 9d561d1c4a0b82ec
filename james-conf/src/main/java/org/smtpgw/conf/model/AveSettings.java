package org.smtpgw.conf.model;

/** {@code [smtpgw.ave]}. {@code scanTimeoutSeconds} 0 means no limit. */
public record AveSettings(boolean cure, boolean scanArchives, boolean scanMailBases, int scanTimeoutSeconds,
                          boolean useIChecker) {
}
