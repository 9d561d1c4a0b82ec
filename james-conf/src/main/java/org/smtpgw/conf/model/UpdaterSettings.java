package org.smtpgw.conf.model;

import java.nio.file.Path;

/** {@code [updater.path]}, {@code [updater.options]} and {@code [updater.report]}, for keepup2date. */
public record UpdaterSettings(Path backupPath, String updateServerUrl, boolean useUpdateServerUrl,
                              boolean useUpdateServerUrlOnly, String postUpdateCmd, String regionSettings,
                              int connectTimeoutSeconds, boolean useProxy, String proxyAddress, boolean passiveFtp,
                              String reportFilename, int reportLevel, boolean append) {
}
