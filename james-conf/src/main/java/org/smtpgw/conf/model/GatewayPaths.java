package org.smtpgw.conf.model;

import java.nio.file.Path;
import java.util.Optional;

/** {@code [smtpgw.path]}; archives are James mail repository URLs, absent when switched off. */
public record GatewayPaths(Optional<String> incomingArchive, Optional<String> outgoingArchive, Path queuePath,
                           Path controlPath) {
}
