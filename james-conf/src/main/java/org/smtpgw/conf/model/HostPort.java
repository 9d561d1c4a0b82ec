package org.smtpgw.conf.model;

/** A listening address: IPv4 address or host name, and port. */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
