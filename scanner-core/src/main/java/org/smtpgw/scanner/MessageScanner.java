package org.smtpgw.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.smtpgw.scanner.archive.ArchiveUnpacker;
import org.smtpgw.scanner.detect.MagicTypeDetector;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.engine.ScanEngine;
import org.smtpgw.scanner.filter.ObjectFilter;
import org.smtpgw.scanner.mime.MimeWalker;
import org.smtpgw.scanner.model.MessageVerdict;
import org.smtpgw.scanner.model.ScanLimits;

/**
 * Scans a whole message: splits it into objects, filters them, has the engine scan each one, and returns a
 * {@link MessageVerdict} listing every object with its status.
 *
 * <h2>Objects</h2>
 * Every leaf MIME part (body texts and attachments); every attached message ({@code message/rfc822}, declared
 * or recognised from its content), itself and its parts, recursively; every uuencoded block of a text; and, when
 * {@code scanArchives} is on, the entries of zip, tar, 7z archives and the content of gzip, bzip2, xz files,
 * recursively; when {@code scanMailBases} is on, the messages of a mailbox (mbox) file. Where they are is told by
 * {@link org.smtpgw.scanner.model.ObjectPath}.
 *
 * <h2>What the engine sees</h2>
 * The decoded bytes of every object that is not filtered, containers included: an archive is scanned as a whole
 * (so hash signatures of the archive file itself match) and then each of its entries. Only MIME parts are scanned
 * with {@code cure} on: a cured copy of something inside an archive, a mailbox or a uuencoded block could not be
 * put back, so those objects come out {@code infected}, never {@code disinfected}.
 *
 * <h2>Failures</h2>
 * A part that cannot be decoded, parsed or unpacked, or that is over a {@link ScanLimits} limit, or whose scan
 * outlasts {@code scanTimeout}, or on which the engine fails with a runtime exception, is an object with status
 * {@code error} and a reason; the other objects are still scanned and listed. {@link EngineUnavailableException}
 * is different: the engine cannot scan at all, so {@link #scan} throws it and gives no partial verdict (fail
 * closed: the message must wait). {@link IOException} comes only from reading the caller's stream.
 *
 * <h2>Configuration</h2>
 * <pre>{@code
 * MessageScanner scanner = MessageScanner.builder(engine)   // required
 *     .limits(ScanLimits.DEFAULT)                           // default ScanLimits.DEFAULT
 *     .filter(ObjectFilter.NONE)                            // default: filters nothing
 *     .scanArchives(true)                                   // [smtpgw.ave] ScanArchives, default true
 *     .scanMailBases(true)                                  // [smtpgw.ave] ScanMailBases, default true
 *     .cure(false)                                          // [smtpgw.ave] Cure, default false
 *     .scanTimeout(Duration.ofSeconds(60))                  // [smtpgw.ave] ScanTimeout per object, 0 = none
 *     .cache(iChecker)                                      // [smtpgw.ave] UseIChecker, default none
 *     .build();
 * }</pre>
 * The filter belongs to a group ({@code [smtpgw.policy]}, {@code [smtpgw.group:...]}): {@link #withFilter} gives a
 * scanner for another group that shares the engine, cache and threads.
 *
 * <p>Immutable and thread-safe: one scanner serves all scanning threads. With a non-zero timeout, engine calls run
 * on the scanner's own daemon threads (created as needed, ended after a minute idle), so that a call that never
 * returns only holds its thread, not the message.
 */
public final class MessageScanner {
    /** Used when the builder is given none; the manual gives no default. */
    public static final Duration DEFAULT_SCAN_TIMEOUT = Duration.ofSeconds(60);

    private final ScanEngine engine;
    private final ScanLimits limits;
    private final ObjectFilter filter;
    private final boolean scanArchives;
    private final boolean scanMailBases;
    private final boolean cure;
    private final Duration scanTimeout;
    private final Optional<ScannedObjectCache> cache;
    private final EngineInvoker invoker;
    private final MagicTypeDetector detector = new MagicTypeDetector();
    private final ArchiveUnpacker unpacker;
    private final MimeWalker walker;

    private MessageScanner(Builder builder, ExecutorService executor) {
        this.engine = builder.engine;
        this.limits = builder.limits;
        this.filter = builder.filter;
        this.scanArchives = builder.scanArchives;
        this.scanMailBases = builder.scanMailBases;
        this.cure = builder.cure;
        this.scanTimeout = builder.scanTimeout;
        this.cache = builder.cache;
        this.invoker = new EngineInvoker(engine, scanTimeout, executor, cache);
        this.unpacker = new ArchiveUnpacker(limits);
        this.walker = new MimeWalker(limits.maxObjectSize());
    }

    private MessageScanner(MessageScanner other, ObjectFilter filter) {
        this.engine = other.engine;
        this.limits = other.limits;
        this.filter = Objects.requireNonNull(filter, "filter");
        this.scanArchives = other.scanArchives;
        this.scanMailBases = other.scanMailBases;
        this.cure = other.cure;
        this.scanTimeout = other.scanTimeout;
        this.cache = other.cache;
        this.invoker = other.invoker;
        this.unpacker = other.unpacker;
        this.walker = other.walker;
    }

    public static Builder builder(ScanEngine engine) {
        return new Builder(engine);
    }

    /** The same scanner with another group's filter; shares engine, cache and threads. */
    public MessageScanner withFilter(ObjectFilter otherFilter) {
        return new MessageScanner(this, otherFilter);
    }

    /**
     * Scans one message.
     *
     * @param rfc822 the message as received (headers and body); read to its end, not closed
     * @throws EngineUnavailableException when the engine cannot scan at all: no verdict, the message must wait
     * @throws IOException                only when reading {@code rfc822} fails
     */
    public MessageVerdict scan(InputStream rfc822) throws EngineUnavailableException, IOException {
        Objects.requireNonNull(rfc822, "rfc822");
        return new ScanRun(this).scan(rfc822);
    }

    public ScanEngine engine() {
        return engine;
    }

    public ScanLimits limits() {
        return limits;
    }

    public ObjectFilter filter() {
        return filter;
    }

    public boolean scanArchives() {
        return scanArchives;
    }

    public boolean scanMailBases() {
        return scanMailBases;
    }

    public boolean cure() {
        return cure;
    }

    public Duration scanTimeout() {
        return scanTimeout;
    }

    EngineInvoker invoker() {
        return invoker;
    }

    MagicTypeDetector detector() {
        return detector;
    }

    ArchiveUnpacker unpacker() {
        return unpacker;
    }

    MimeWalker walker() {
        return walker;
    }

    /** Collects the settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final ScanEngine engine;
        private ScanLimits limits = ScanLimits.DEFAULT;
        private ObjectFilter filter = ObjectFilter.NONE;
        private boolean scanArchives = true;
        private boolean scanMailBases = true;
        private boolean cure;
        private Duration scanTimeout = DEFAULT_SCAN_TIMEOUT;
        private Optional<ScannedObjectCache> cache = Optional.empty();

        private Builder(ScanEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        public Builder limits(ScanLimits value) {
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public Builder filter(ObjectFilter value) {
            filter = Objects.requireNonNull(value, "filter");
            return this;
        }

        public Builder scanArchives(boolean value) {
            scanArchives = value;
            return this;
        }

        public Builder scanMailBases(boolean value) {
            scanMailBases = value;
            return this;
        }

        public Builder cure(boolean value) {
            cure = value;
            return this;
        }

        /** Per object; {@link Duration#ZERO} means no limit (the engine is then called on the scanning thread). */
        public Builder scanTimeout(Duration value) {
            Objects.requireNonNull(value, "scanTimeout");
            if (value.isNegative()) {
                throw new IllegalArgumentException("scanTimeout must not be negative, was " + value);
            }
            scanTimeout = value;
            return this;
        }

        /** The scanned-object cache ({@code UseIChecker}); none by default. */
        public Builder cache(ScannedObjectCache value) {
            cache = Optional.of(value);
            return this;
        }

        public MessageScanner build() {
            return new MessageScanner(this, Executors.newCachedThreadPool(new DaemonThreads()));
        }
    }

    /** Names the engine-call threads and keeps them from holding the JVM open. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "smtpgw-scan-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
