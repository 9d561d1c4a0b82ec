package org.smtpgw.conf.model;

import java.nio.file.Path;
import java.util.Optional;

/** Where clamd listens: a Unix socket, or else host and port. */
public record ClamdAddress(Optional<Path> socket, String host, int port) {
}
