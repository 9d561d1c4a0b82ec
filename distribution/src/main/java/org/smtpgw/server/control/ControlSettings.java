package org.smtpgw.server.control;

import java.nio.file.Path;

/**
 * Where the control channel works, from {@code smtpgw.conf}: {@code ControlPath} of {@code [smtpgw.path]} (management
 * files, manual A.4) and {@code StatFilename} of {@code [smtpgw.options]} (statistics file, A.5). Both absolute.
 */
public record ControlSettings(Path controlPath, Path statFile) {
}
