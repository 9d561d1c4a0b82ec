package org.smtpgw.conf;

/** How a parameter's value is written; each type has one parser in {@link Values}. */
public enum ValueType {
    BOOLEAN("true|false (also yes|no, y|n, 1|0)"),
    INTEGER("integer"),
    TEXT("text"),
    PATH("path (relative paths are relative to the distribution home)"),
    TEMPLATE("path of a text file"),
    EMAIL("mail address local@domain"),
    HOSTNAME("host name"),
    LISTEN_ADDRESS("IPv4-address-or-host[:port]"),
    ACCESS_RULE("allow|deny from ADDRESS_OR_MASK to DOMAIN_MASK"),
    FORWARD_ROUTE("DOMAIN_MASK [host[:port]]"),
    DOMAIN_MASKS("comma-separated domain masks (* and ?), or any"),
    ADDRESS_MASKS("comma-separated address masks local@domain (* and ?)"),
    NAME_MASKS("comma-separated file name masks (* and ?)"),
    MIME_MASKS("comma-separated MIME type masks (* and ?)"),
    ACTION("one action"),
    STATUSES("comma-separated statuses: infected, disinfected, suspicious, protected, error, filtered; or all; or empty"),
    LOG_TARGET("file path, syslog, or empty for none"),
    STATS_TARGET("file path, host:port of a TCP socket, or empty for none"),
    REPOSITORY("directory path or James mail repository URL (file://...)"),
    STRFTIME("strftime format"),
    DELAYS("comma-separated seconds"),
    IP_LIST("comma-separated IPv4 addresses"),
    DNS_SERVERS("comma-separated IPv4 addresses, each with an optional :port (default 53)"),
    URL_OR_PATH("URL or directory path"),
    ENGINE("builtin|clamd"),
    PATHS("comma-separated paths (relative paths are relative to the distribution home)"),
    CLAMD_ADDRESS("host:port, or the absolute path of a Unix socket");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
