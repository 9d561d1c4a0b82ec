package org.smtpgw.scanner.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Marks every failure of the caller's stream as a {@link SourceReadException}, whoever catches it on the way. */
public final class SourceInputStream extends FilterInputStream {

    public SourceInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    /** The source failure somewhere in the cause chain of {@code e}, if any. */
    public static java.util.Optional<SourceReadException> sourceFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceReadException source) {
                return java.util.Optional.of(source);
            }
        }
        return java.util.Optional.empty();
    }
}
