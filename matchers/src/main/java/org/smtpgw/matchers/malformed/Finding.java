package org.smtpgw.matchers.malformed;

import java.util.Objects;

/** One rule a message breaks, and where: {@code header-syntax: line 4: not a header field}. */
public record Finding(MalformedRule rule, String detail) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return rule.keyword() + ": " + detail;
    }
}
