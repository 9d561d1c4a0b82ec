package org.smtpgw.scanner.clamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;

/**
 * Failures a real clamd cannot be made to show on demand, played by {@link FakeClamd}; and what the client
 * puts on the wire.
 */
class ClamdEngineFailureTest {
    private FakeClamd clamd;

    @BeforeEach
    void startFake() throws Exception {
        clamd = FakeClamd.start();
    }

    @AfterEach
    void stopFake() throws Exception {
        clamd.close();
    }

    @Test
    void scanShouldSendZInstreamWithBigEndianChunksAndAZeroTerminator() throws Exception {
        clamd.enqueue(FakeClamd.Response.reply("stream: OK"));
        byte[] content = new byte[2500];
        Arrays.fill(content, (byte) 'a');
        content[2499] = 'z';

        new ClamdEngine(new ClamdClient(clamd.config().chunkSize(1024).build())).scan(content, false);

        FakeClamd.Request request = clamd.takeRequest();
        assertThat(request.command()).isEqualTo("zINSTREAM");
        assertThat(request.chunkLengths()).containsExactly(1024, 1024, 452, 0);
        assertThat(request.stream()).isEqualTo(content);
    }

    @Test
    void scanShouldKeepVirusNamesWithSpacesAndColons() throws Exception {
        clamd.enqueue(FakeClamd.Response.reply("stream: Vendor: Odd Name 1 FOUND"));

        EngineResult result = engine().scan(new byte[] {1}, false);

        assertThat(result).isEqualTo(EngineResult.infected(List.of("Vendor: Odd Name 1")));
    }

    @Test
    void scanShouldReturnErrorWithClamdsReasonWhenClamdRepliesError() throws Exception {
        clamd.enqueue(FakeClamd.Response.reply("stream: Can't allocate memory ERROR"));

        EngineResult result = engine().scan(new byte[] {1}, false);

        assertThat(result).isEqualTo(EngineResult.error("clamd: Can't allocate memory"));
    }

    @Test
    void scanShouldReturnErrorWhenClamdRepliesSizeLimitExceededAndClosesWhileTheClientStillSends() throws Exception {
        clamd.enqueue(FakeClamd.Response.replyEarly("INSTREAM size limit exceeded. ERROR", 64 * 1024));

        EngineResult result = new ClamdEngine(new ClamdClient(clamd.config().maxStreamSize(64L << 20).build()))
            .scan(new byte[32 << 20], false);

        assertThat(result.status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(result.reason()).get().asString().contains("INSTREAM size limit exceeded");
    }

    @Test
    void scanShouldThrowUnavailableWhenClamdDisconnectsAtOnce() {
        clamd.enqueue(FakeClamd.Response.of(FakeClamd.Policy.DISCONNECT_AT_START));

        assertThatThrownBy(() -> engine().scan(new byte[] {1}, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("before a complete reply");
    }

    @Test
    void scanShouldThrowUnavailableWhenClamdDisconnectsWithoutAReply() {
        clamd.enqueue(FakeClamd.Response.of(FakeClamd.Policy.DISCONNECT_AFTER_REQUEST));

        assertThatThrownBy(() -> engine().scan(new byte[] {1}, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("closed the connection before a complete reply");
    }

    @Test
    void scanShouldThrowUnavailableWhenClamdDisconnectsMidReply() {
        clamd.enqueue(FakeClamd.Response.partial("stream: O"));

        assertThatThrownBy(() -> engine().scan(new byte[] {1}, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("received 9 bytes of reply");
    }

    @Test
    void scanShouldThrowUnavailableWhenTheReplyIsGarbage() {
        clamd.enqueue(FakeClamd.Response.raw("HTTP/1.1 400 Bad Request\r\n\r\n\0".getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> engine().scan(new byte[] {1}, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasCauseInstanceOf(ClamdProtocolException.class)
            .hasMessageContaining("HTTP/1.1 400 Bad Request");
    }

    @Test
    void scanShouldThrowUnavailableWhenTheReplyHasNoTerminatorWithinTheLimit() {
        byte[] endless = new byte[ClamdConnection.MAX_REPLY_BYTES + 10];
        Arrays.fill(endless, (byte) 'x');
        clamd.enqueue(FakeClamd.Response.raw(endless));

        assertThatThrownBy(() -> engine().scan(new byte[] {1}, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("without a NUL terminator");
    }

    @Test
    void scanShouldThrowUnavailableWhenClamdStallsBeforeReplying() {
        // A timeout says nothing about the object, so it is unavailability, not an object error.
        clamd.enqueue(FakeClamd.Response.of(FakeClamd.Policy.STALL_AFTER_REQUEST));
        ClamdEngine engine = new ClamdEngine(new ClamdClient(clamd.config().readTimeout(Duration.ofMillis(300)).build()));

        assertThatThrownBy(() -> engine.scan(new byte[] {1}, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("within readTimeout PT0.3S");
    }

    @Test
    void scanShouldThrowUnavailableWhenClamdStopsReadingTheStream() {
        clamd.enqueue(FakeClamd.Response.of(FakeClamd.Policy.STALL_READING));
        ClamdEngine engine = new ClamdEngine(new ClamdClient(clamd.config()
            .maxStreamSize(64L << 20).readTimeout(Duration.ofMillis(500)).scanTimeout(Duration.ofSeconds(1)).build()));

        // The kernel keeps accepting a trickle of bytes into a growing send buffer for a while, so the
        // whole-scan timeout, not the read timeout, is what usually ends this one.
        assertThatThrownBy(() -> engine.scan(new byte[16 << 20], false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageMatching(".*(within readTimeout PT0.5S|within scanTimeout PT1S).*");
    }

    @Test
    void scanShouldThrowUnavailableWhenTheWholeScanTakesLongerThanScanTimeout() {
        clamd.enqueue(FakeClamd.Response.of(FakeClamd.Policy.STALL_AFTER_REQUEST));
        ClamdEngine engine = new ClamdEngine(new ClamdClient(clamd.config()
            .readTimeout(Duration.ofSeconds(30)).scanTimeout(Duration.ofMillis(300)).build()));

        assertThatThrownBy(() -> engine.scan(new byte[] {1}, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("did not answer within scanTimeout PT0.3S");
    }

    @Test
    void scanShouldNeverOpenMoreThanMaxConnectionsAtOnce() throws Exception {
        for (int i = 0; i < 8; i++) {
            clamd.enqueue(FakeClamd.Response.delayed("stream: OK", 150));
        }
        ClamdEngine engine = new ClamdEngine(new ClamdClient(clamd.config().maxConnections(2).build()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<EngineResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> engine.scan(new byte[] {1}, false)));
            }
            for (Future<EngineResult> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(EngineResult.clean());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(clamd.connectionCount()).isEqualTo(8);
        assertThat(clamd.mostConcurrentConnections()).isEqualTo(2);
    }

    @Test
    void scanShouldNotConnectWhenTheObjectIsOverMaxStreamSize() throws Exception {
        EngineResult result = new ClamdEngine(new ClamdClient(clamd.config().maxStreamSize(100).build()))
            .scan(new byte[101], false);

        assertThat(result).isEqualTo(EngineResult.error("object larger than clamd's StreamMaxLength (100 bytes)"));
        assertThat(clamd.connectionCount()).isZero();
    }

    @Test
    void databaseVersionShouldBeCachedForTheTtl() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        ClamdEngine engine = new ClamdEngine(new ClamdClient(clamd.config()
            .versionCacheTtl(Duration.ofSeconds(60)).build()), clock);
        clamd.enqueue(FakeClamd.Response.reply("ClamAV 1.4.6/27000/Sat Nov 28 09:30:02 2026"));
        clamd.enqueue(FakeClamd.Response.reply("ClamAV 1.4.6/27001/Sat Nov 28 13:30:02 2026"));

        assertThat(engine.databaseVersion()).isEqualTo("ClamAV 1.4.6/27000/Sat Nov 28 09:30:02 2026");
        clock.advance(Duration.ofSeconds(59));
        assertThat(engine.databaseVersion()).isEqualTo("ClamAV 1.4.6/27000/Sat Nov 28 09:30:02 2026");
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.databaseVersion()).isEqualTo("ClamAV 1.4.6/27001/Sat Nov 28 13:30:02 2026");
        assertThat(clamd.takeRequest().command()).isEqualTo("zVERSION");
        assertThat(clamd.connectionCount()).isEqualTo(2);
    }

    @Test
    void databaseVersionShouldBeAskedAgainAfterAFailedScan() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        ClamdEngine engine = new ClamdEngine(new ClamdClient(clamd.config().build()), clock);
        clamd.enqueue(FakeClamd.Response.reply("ClamAV 1.4.6/27000/Sat Nov 28 09:30:02 2026"));
        clamd.enqueue(FakeClamd.Response.of(FakeClamd.Policy.DISCONNECT_AT_START));
        clamd.enqueue(FakeClamd.Response.reply("ClamAV 1.4.7/27005/Sat Nov 28 14:00:00 2026"));

        engine.databaseVersion();
        assertThatThrownBy(() -> engine.scan(new byte[] {1}, false)).isInstanceOf(EngineUnavailableException.class);

        assertThat(engine.databaseVersion()).isEqualTo("ClamAV 1.4.7/27005/Sat Nov 28 14:00:00 2026");
    }

    @Test
    void scanShouldThrowUnavailableWhenTheConnectionCannotBeOpenedWithinConnectTimeout() throws Exception {
        // A listener that never accepts, with a full backlog: the kernel drops further SYNs, so connect hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket socket = new Socket();
                    socket.connect(full.getLocalSocketAddress(), 2000);
                    queued.add(socket);
                }
                ClamdEngine engine = new ClamdEngine(new ClamdClient(ClamdConfig.builder()
                    .tcp("127.0.0.1", full.getLocalPort()).connectTimeout(Duration.ofMillis(300)).build()));

                assertThatThrownBy(() -> engine.scan(new byte[] {1}, false))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessage("cannot connect to clamd at 127.0.0.1:" + full.getLocalPort()
                        + " within connectTimeout PT0.3S");
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void pingShouldRejectAReplyOtherThanPong() {
        clamd.enqueue(FakeClamd.Response.reply("PANG"));

        assertThatThrownBy(() -> new ClamdClient(clamd.config().build()).ping())
            .isInstanceOf(ClamdProtocolException.class)
            .hasMessageContaining("'PANG' instead of PONG");
    }

    private ClamdEngine engine() {
        return new ClamdEngine(new ClamdClient(clamd.config().build()));
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends java.time.Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
