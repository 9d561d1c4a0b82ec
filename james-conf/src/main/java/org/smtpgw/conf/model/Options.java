package org.smtpgw.conf.model;

import java.nio.file.Path;

/**
 * {@code [smtpgw.options]}.
 *
 * @param logFilename     path, {@code syslog}, or empty for none
 * @param dsnTemplateText content of the DSN template file, read when the configuration was loaded
 * @param avStatistics    path, {@code host:port}, or empty for none
 */
public record Options(String logFilename, int logLevel, Path statFilename, Path icheckerDbFilename,
                      boolean prependReceived, Path dsnTemplate, String dsnTemplateText, boolean dsnEntireMessage,
                      boolean dsnOnRelaying, String avStatistics, boolean dropMalformedMail,
                      boolean addVirusHeaders) {
}
