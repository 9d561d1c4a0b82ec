package org.smtpgw.conf.model;

import java.nio.file.Path;

/** {@code [path]}: where the database and the licence keys live (absolute, resolved against the home). */
public record PathSettings(Path basesPath, Path licensePath) {
}
