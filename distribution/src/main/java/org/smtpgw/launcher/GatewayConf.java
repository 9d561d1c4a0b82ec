package org.smtpgw.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** smtpgw.conf, checked, and the James configuration generated from it (module james-conf). */
final class GatewayConf {

    /** Every problem found (errors and warnings, each naming file, line, section and key). */
    record Checked(List<String> problems, int errorCount, Optional<JamesFiles> jamesFiles) {
    }

    private GatewayConf() {
    }

    static Checked check(Path confFile, Path home) throws LaunchException {
        throw new LaunchException(ExitCode.CRITICAL, "smtpgw.conf support is not built in yet; use --james-conf DIR");
    }
}
