package org.smtpgw.conf.model;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code [smtpgw.ave]}. {@code scanTimeoutSeconds} 0 means no limit.
 *
 * @param engine      {@code builtin} or {@code clamd}
 * @param trustedKeys public key files accepted on the database (absolute)
 * @param engineRetryDelaySeconds how long mail waits when the engine cannot scan
 */
public record AveSettings(boolean cure, boolean scanArchives, boolean scanMailBases, int scanTimeoutSeconds,
                          boolean useIChecker, String engine, List<Path> trustedKeys, ClamdAddress clamdAddress,
                          int engineRetryDelaySeconds) {

    public static final String BUILTIN = "builtin";
    public static final String CLAMD = "clamd";

    public AveSettings {
        trustedKeys = List.copyOf(trustedKeys);
    }
}
