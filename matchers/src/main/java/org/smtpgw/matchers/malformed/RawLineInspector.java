package org.smtpgw.matchers.malformed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Watches the octets of the message as mime4j reads them, for what a MIME parser does not report: line ends that are
 * not CRLF, NUL octets and lines over 998 octets. mime4j accepts all three silently (it splits lines at LF), so this
 * is done by hand. Reports the first occurrence of each, with its line number (lines counted at LF, from 1).
 */
final class RawLineInspector extends FilterInputStream {
    static final int MAX_LINE_OCTETS = 998;

    private final Consumer<Finding> findings;
    private long line = 1;
    private long lineOctets;
    private boolean previousCr;
    private boolean reportedLineEnd;
    private boolean reportedNul;
    private boolean reportedLength;

    RawLineInspector(InputStream in, Consumer<Finding> findings) {
        super(in);
        this.findings = findings;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            inspect(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            atEnd();
        }
        for (int i = 0; i < n; i++) {
            inspect(buffer[offset + i] & 0xff);
        }
        return n;
    }

    /** Skipped octets are read, so that they are inspected too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what the parser left unread, so that the whole message is inspected. */
    void drain() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // inspected in read
        }
    }

    private void inspect(int b) {
        if (previousCr && b != '\n') {
            lineEnd("line " + line + ": a CR not followed by LF (bare CR)");
            lineOctets++; // that CR was part of the line, not of a line end
        }
        if (b == '\n') {
            if (!previousCr) {
                lineEnd("line " + line + ": an LF not preceded by CR (bare LF)");
            }
            endOfLine();
            line++;
        } else if (b != '\r') {
            lineOctets++;
        }
        if (b == 0 && !reportedNul) {
            reportedNul = true;
            findings.accept(new Finding(MalformedRule.NUL, "line " + line + ": a NUL octet"));
        }
        previousCr = b == '\r';
    }

    private void atEnd() {
        if (previousCr) {
            lineEnd("line " + line + ": a CR not followed by LF (bare CR)");
            lineOctets++;
            previousCr = false;
        }
        endOfLine();
    }

    private void endOfLine() {
        if (lineOctets > MAX_LINE_OCTETS && !reportedLength) {
            reportedLength = true;
            findings.accept(new Finding(MalformedRule.LINE_LENGTH, "line " + line + " has " + lineOctets
                + " octets (at most " + MAX_LINE_OCTETS + " before CRLF)"));
        }
        lineOctets = 0;
    }

    private void lineEnd(String detail) {
        if (!reportedLineEnd) {
            reportedLineEnd = true;
            findings.accept(new Finding(MalformedRule.LINE_ENDINGS, detail));
        }
    }
}
