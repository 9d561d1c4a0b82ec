package org.smtpgw.conf.model;

/** {@code [smtpgw.admin]} (smtpgw addition): WebAdmin and JMX, both on 127.0.0.1. */
public record AdminSettings(int webAdminPort, int jmxPort, boolean jmxEnabled) {
}
