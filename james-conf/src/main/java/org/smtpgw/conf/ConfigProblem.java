package org.smtpgw.conf;

/**
 * One thing wrong (or doubtful) in {@code smtpgw.conf}, naming where it is and what is allowed.
 *
 * <p>{@link #toString()} gives the one-line form printed by {@code smtpgw -t}, e.g.
 * {@code conf/smtpgw.conf:12: [smtpgw.limits] MaximalIncomingHops=0: must be an integer from 1 to 100}.
 *
 * @param severity ERROR makes the file invalid; WARNING is printed but does not stop the gateway
 * @param file     the file name as given to the loader
 * @param line     1-based line, or 0 when the problem has no line (a missing section or key)
 * @param section  section name as canonically spelled, or empty
 * @param key      key as written in the file (or canonical name for a missing key), or empty
 * @param value    the offending value, or null when there is none (missing key, section-level problem)
 * @param message  what is wrong and what is allowed
 */
public record ConfigProblem(Severity severity, String file, int line, String section, String key, String value,
                            String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (severity == Severity.WARNING) {
            b.append("warning: ");
        }
        if (!section.isEmpty()) {
            b.append('[').append(section).append("] ");
        }
        if (!key.isEmpty()) {
            b.append(key);
            if (value != null) {
                b.append('=').append(value);
            }
            b.append(": ");
        }
        return b.append(message).toString();
    }
}
