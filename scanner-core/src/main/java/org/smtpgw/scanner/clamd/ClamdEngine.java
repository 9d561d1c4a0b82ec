package org.smtpgw.scanner.clamd;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;
import org.smtpgw.scanner.engine.ScanEngine;

/**
 * A {@link ScanEngine} that sends each object to a ClamAV daemon with {@code zINSTREAM}.
 *
 * <h2>Verdicts</h2>
 * <table>
 *   <caption>clamd reply to object status</caption>
 *   <tr><th>clamd reply</th><th>status</th><th>virus names / reason</th></tr>
 *   <tr><td>{@code stream: OK}</td><td>CLEAN</td><td></td></tr>
 *   <tr><td>{@code stream: Heuristics.Encrypted.* FOUND}</td><td>PROTECTED</td>
 *       <td>the name, and reason "encrypted (name)": clamd could not look inside (needs {@code AlertEncrypted yes})</td></tr>
 *   <tr><td>{@code stream: Heuristics.Limits.Exceeded* FOUND}</td><td>ERROR</td>
 *       <td>the name: clamd stopped at one of its limits, the object was not fully scanned
 *       (needs {@code AlertExceedsMax yes})</td></tr>
 *   <tr><td>{@code stream: Heuristics.* FOUND} (any other)</td><td>SUSPICIOUS</td>
 *       <td>the name: a heuristic guess, not a signature match</td></tr>
 *   <tr><td>{@code stream: NAME FOUND}</td><td>INFECTED</td><td>NAME</td></tr>
 *   <tr><td>{@code ... ERROR}, including {@code INSTREAM size limit exceeded}</td><td>ERROR</td><td>the reason</td></tr>
 *   <tr><td>object larger than {@link ClamdConfig#maxStreamSize()}</td><td>ERROR</td>
 *       <td>"object larger than clamd's StreamMaxLength (n bytes)"; the object is not sent</td></tr>
 * </table>
 * clamd cannot disinfect: {@code cure} is ignored and DISINFECTED is never returned.
 *
 * <h2>Unavailability</h2>
 * When clamd gives no reply (nothing listening, connect timeout, connection broken before the reply, read or
 * scan timeout, a reply that is not clamd's, all connections busy for the whole scan timeout) {@link #scan}
 * throws {@link EngineUnavailableException}: the object has not been scanned and its message must wait. A
 * stalled clamd is treated the same way, since a timeout says nothing about the object; clamd's own
 * {@code MaxScanTime} is what turns a slow object into a verdict.
 */
public final class ClamdEngine implements ScanEngine {
    static final String ENCRYPTED_PREFIX = "Heuristics.Encrypted";
    static final String LIMITS_PREFIX = "Heuristics.Limits.Exceeded";
    static final String HEURISTICS_PREFIX = "Heuristics.";

    private final ClamdClient client;
    private final Clock clock;
    private volatile CachedVersion version;
    private volatile boolean closed;

    public ClamdEngine(ClamdClient client) {
        this(client, Clock.systemUTC());
    }

    /** @param clock decides when the cached VERSION reply is stale */
    public ClamdEngine(ClamdClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public static ClamdEngine create(ClamdConfig config) {
        return new ClamdEngine(new ClamdClient(config));
    }

    public ClamdClient client() {
        return client;
    }

    @Override
    public EngineResult scan(byte[] content, boolean cure) throws EngineUnavailableException {
        if (closed) {
            throw new EngineUnavailableException("clamd engine for " + client.config().describeAddress()
                + " is closed");
        }
        try {
            return toResult(client.scan(content));
        } catch (StreamTooLargeException e) {
            return EngineResult.error("object larger than clamd's StreamMaxLength (" + e.limit() + " bytes)");
        } catch (ClamdUnavailableException e) {
            // clamd may come back restarted with other databases: ask for the version again.
            version = null;
            throw new EngineUnavailableException(e.getMessage(), e);
        }
    }

    /** Maps a parsed reply to an engine result (see the class comment). */
    static EngineResult toResult(ClamdReply reply) {
        if (reply instanceof ClamdReply.Clean) {
            return EngineResult.clean();
        }
        if (reply instanceof ClamdReply.Found found) {
            String name = found.signature();
            if (name.startsWith(ENCRYPTED_PREFIX)) {
                return new EngineResult(ObjectStatus.PROTECTED, List.of(name), Optional.empty(),
                    Optional.of("encrypted (" + name + ")"));
            }
            if (name.startsWith(LIMITS_PREFIX)) {
                return EngineResult.error(List.of(name), "clamd stopped at one of its limits (" + name + ")");
            }
            if (name.startsWith(HEURISTICS_PREFIX)) {
                return EngineResult.suspicious(List.of(name));
            }
            return EngineResult.infected(List.of(name));
        }
        ClamdReply.Error error = (ClamdReply.Error) reply;
        if (error.isSizeLimitExceeded()) {
            return EngineResult.error("clamd: INSTREAM size limit exceeded (object larger than clamd's "
                + "StreamMaxLength)");
        }
        return EngineResult.error("clamd: " + error.reason());
    }

    @Override
    public String name() {
        return "clamd";
    }

    /**
     * clamd's reply to VERSION, such as {@code ClamAV 1.4.6/27000/Sat Nov 28 09:30:02 2026}, reused for
     * {@link ClamdConfig#versionCacheTtl()} and asked again after any failed scan.
     *
     * <p>When clamd cannot be asked, the value is {@code unknown (...)} with the time and the error: a string
     * that never repeats, so nothing cached under it is ever reused.
     *
     * <p>Limitation: clamd reports only the program version when it loaded no {@code daily} database (a
     * private database of {@code .hdb}/{@code .ndb} files), so reloading such a database does not change the
     * value; shorten the scanned-object cache or clear it when you reload private signatures.
     */
    @Override
    public String databaseVersion() {
        CachedVersion cached = version;
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.fetchedAt().plus(client.config().versionCacheTtl()))) {
            return cached.version();
        }
        try {
            String fresh = client.version();
            version = new CachedVersion(fresh, now);
            return fresh;
        } catch (ClamdUnavailableException e) {
            version = null;
            return "unknown (" + now + ": " + e.getMessage() + ")";
        }
    }

    /** Later scans throw {@link EngineUnavailableException}; there are no connections to close. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "ClamdEngine{" + client.config().describeAddress() + "}";
    }

    private record CachedVersion(String version, Instant fetchedAt) {
    }
}
