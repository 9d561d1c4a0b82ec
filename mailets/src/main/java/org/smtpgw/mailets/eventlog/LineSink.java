package org.smtpgw.mailets.eventlog;

import java.io.Closeable;
import java.io.IOException;

/** Where whole lines go: a file, syslog, a socket. Implementations are thread-safe. */
public interface LineSink extends Closeable {

    /**
     * Writes one line (without its line end), whole or not at all as far as the destination allows.
     *
     * @param level the line's level, for destinations that carry a severity (syslog)
     */
    void write(LogLevel level, String line) throws IOException;

    /** A sink that writes nothing ({@code LogFilename=}). */
    LineSink NONE = new LineSink() {
        @Override
        public void write(LogLevel level, String line) {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "nowhere";
        }
    };
}
