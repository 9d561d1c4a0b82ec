package org.smtpgw.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.smtpgw.conf.ConfigLoader;
import org.smtpgw.conf.ConfigProblem;
import org.smtpgw.conf.ConfigUnreadableException;
import org.smtpgw.conf.LoadResult;
import org.smtpgw.conf.james.JamesConfigGenerator;
import org.smtpgw.server.control.ControlSettings;

/** smtpgw.conf, checked, and the James configuration generated from it (module james-conf). */
final class GatewayConf {

    /**
     * Every problem found (errors and warnings, each naming file, line, section and key); when valid, the James files
     * and the control channel's settings.
     */
    record Checked(List<String> problems, int errorCount, Optional<JamesFiles> jamesFiles,
                   Optional<ControlSettings> control) {
    }

    private GatewayConf() {
    }

    static Checked check(Path confFile, Path home) throws LaunchException {
        LoadResult result;
        try {
            result = ConfigLoader.load(confFile, home);
        } catch (ConfigUnreadableException e) {
            throw new LaunchException(ExitCode.CONF_UNREADABLE, e.getMessage(), e);
        }
        List<String> problems = result.problems().stream().map(ConfigProblem::toString).toList();
        try {
            Optional<JamesFiles> jamesFiles = result.config()
                .map(config -> new JamesFiles(JamesConfigGenerator.generate(config).files()));
            Optional<ControlSettings> control = result.config()
                .map(config -> new ControlSettings(config.paths().controlPath(), config.options().statFilename()));
            return new Checked(problems, result.errors().size(), jamesFiles, control);
        } catch (RuntimeException e) {
            throw new LaunchException(ExitCode.CRITICAL, "cannot generate James' configuration from " + confFile + ": " + e, e);
        }
    }
}
