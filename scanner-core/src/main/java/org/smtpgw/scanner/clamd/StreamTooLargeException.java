package org.smtpgw.scanner.clamd;

/**
 * An object is larger than the client's {@link ClamdConfig#maxStreamSize()}, which stands for clamd's
 * {@code StreamMaxLength}; it was not sent.
 */
public class StreamTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    public StreamTooLargeException(long size, long limit) {
        super("object larger than clamd's StreamMaxLength (" + limit + " bytes): " + size + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
