package org.smtpgw.scanner.clamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.engine.EngineResult;
import org.smtpgw.scanner.engine.EngineUnavailableException;

/** The clamd engine against a real clamd with the private database of {@link SignatureFixtures}. */
@ExtendWith(ClamdExtension.class)
class ClamdEngineTest {

    @Test
    void scanShouldReturnCleanWhenNothingMatches(ClamdProcess clamd) throws Exception {
        EngineResult result = tcpEngine(clamd).scan(SignatureFixtures.CLEAN, false);

        assertThat(result).isEqualTo(EngineResult.clean());
    }

    @Test
    void scanShouldReturnCleanForAnEmptyObject(ClamdProcess clamd) throws Exception {
        assertThat(tcpEngine(clamd).scan(new byte[0], false).status()).isEqualTo(ObjectStatus.CLEAN);
    }

    @Test
    void scanShouldReturnInfectedWithTheNameOfAHashSignature(ClamdProcess clamd) throws Exception {
        EngineResult result = tcpEngine(clamd).scan(SignatureFixtures.HASHED, false);

        assertThat(result.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(result.virusNames()).containsExactly(SignatureFixtures.HASHED_NAME);
    }

    @Test
    void scanShouldReturnInfectedWithTheNameOfABodySignature(ClamdProcess clamd) throws Exception {
        byte[] content = SignatureFixtures.withBodyMarker("x".repeat(200_000), "y".repeat(300_000));

        EngineResult result = tcpEngine(clamd).scan(content, false);

        assertThat(result.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(result.virusNames()).containsExactly(SignatureFixtures.BODY_NAME);
    }

    @Test
    void scanShouldDetectEicarThroughThePrivateSignature(ClamdProcess clamd) throws Exception {
        EngineResult result = unixEngine(clamd).scan(SignatureFixtures.EICAR, true);

        assertThat(result.status()).isEqualTo(ObjectStatus.INFECTED);
        assertThat(result.virusNames()).containsExactly(SignatureFixtures.EICAR_NAME);
    }

    @Test
    void scanShouldReturnProtectedForAPasswordProtectedZip(ClamdProcess clamd) throws Exception {
        EngineResult result = tcpEngine(clamd).scan(resource("encrypted.zip"), false);

        assertThat(result.status()).isEqualTo(ObjectStatus.PROTECTED);
        assertThat(result.virusNames()).containsExactly("Heuristics.Encrypted.Zip");
        assertThat(result.reason()).contains("encrypted (Heuristics.Encrypted.Zip)");
    }

    @Test
    void scanShouldWorkOverTheUnixSocket(ClamdProcess clamd) throws Exception {
        ClamdEngine engine = unixEngine(clamd);

        assertThat(engine.scan(SignatureFixtures.CLEAN, false).status()).isEqualTo(ObjectStatus.CLEAN);
        assertThat(engine.scan(SignatureFixtures.HASHED, false).virusNames()).containsExactly(SignatureFixtures.HASHED_NAME);
    }

    @Test
    void scanShouldReturnErrorWhenClamdRefusesAStreamOverItsStreamMaxLength(ClamdProcess clamd) throws Exception {
        // clamd's StreamMaxLength is 1M; the client is (wrongly) allowed more, so clamd itself refuses.
        ClamdEngine engine = ClamdEngine.create(clamd.tcpConfig().maxStreamSize(8L * 1024 * 1024).build());

        EngineResult result = engine.scan(new byte[3 * 1024 * 1024], false);

        assertThat(result.status()).isEqualTo(ObjectStatus.ERROR);
        assertThat(result.reason()).get().asString().contains("INSTREAM size limit exceeded");
    }

    @Test
    void scanShouldReturnErrorWithoutSendingWhenTheObjectIsOverMaxStreamSize(ClamdProcess clamd) throws Exception {
        ClamdEngine engine = ClamdEngine.create(clamd.tcpConfig().maxStreamSize(1024 * 1024).build());

        EngineResult result = engine.scan(new byte[1024 * 1024 + 1], false);

        assertThat(result).isEqualTo(EngineResult.error("object larger than clamd's StreamMaxLength (1048576 bytes)"));
        assertThat(engine.scan(new byte[1024 * 1024], false).status()).isEqualTo(ObjectStatus.CLEAN);
    }

    @Test
    void scanShouldGiveEveryThreadItsOwnVerdict(ClamdProcess clamd) throws Exception {
        ClamdEngine engine = ClamdEngine.create(clamd.unixConfig().maxConnections(3).build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                Callable<Boolean> check = () -> switch (n % 3) {
                    case 0 -> engine.scan(SignatureFixtures.CLEAN, false).equals(EngineResult.clean());
                    case 1 -> engine.scan(SignatureFixtures.HASHED, false).virusNames()
                        .equals(List.of(SignatureFixtures.HASHED_NAME));
                    default -> engine.scan(SignatureFixtures.withBodyMarker("part " + n + " ", "z".repeat(50_000)), false)
                        .virusNames().equals(List.of(SignatureFixtures.BODY_NAME));
                };
                checks.add(pool.submit(check));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void databaseVersionShouldBeClamdsVersionReply(ClamdProcess clamd) {
        // A private database has no daily.cvd, so clamd reports only its own version.
        assertThat(tcpEngine(clamd).databaseVersion()).matches("ClamAV [0-9][0-9.]+.*");
    }

    @Test
    void pingShouldSucceedOnBothSockets(ClamdProcess clamd) throws Exception {
        new ClamdClient(clamd.tcpConfig().build()).ping();
        new ClamdClient(clamd.unixConfig().build()).ping();
    }

    @Test
    void nameShouldBeClamd(ClamdProcess clamd) {
        assertThat(tcpEngine(clamd).name()).isEqualTo("clamd");
    }

    @Test
    void scanShouldThrowUnavailableWhenNothingListensOnTheTcpPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ClamdEngine engine = ClamdEngine.create(ClamdConfig.builder().tcp("127.0.0.1", port).build());

        assertThatThrownBy(() -> engine.scan(SignatureFixtures.EICAR, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("cannot connect to clamd at 127.0.0.1:" + port);
    }

    @Test
    void scanShouldThrowUnavailableWhenTheUnixSocketDoesNotExist(@TempDir Path dir) {
        ClamdEngine engine = ClamdEngine.create(ClamdConfig.builder().unixSocket(dir.resolve("clamd.sock")).build());

        assertThatThrownBy(() -> engine.scan(SignatureFixtures.CLEAN, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("cannot connect to clamd at unix:" + dir.resolve("clamd.sock"));
    }

    @Test
    void databaseVersionShouldNeverRepeatWhenClamdCannotBeAsked(@TempDir Path dir) {
        ClamdEngine engine = ClamdEngine.create(ClamdConfig.builder().unixSocket(dir.resolve("none.sock")).build());

        String first = engine.databaseVersion();
        String second = engine.databaseVersion();

        assertThat(first).startsWith("unknown (");
        assertThat(second).startsWith("unknown (").isNotEqualTo(first);
    }

    @Test
    void scanShouldThrowUnavailableAfterClose(ClamdProcess clamd) throws Exception {
        ClamdEngine engine = tcpEngine(clamd);
        engine.close();

        assertThatThrownBy(() -> engine.scan(SignatureFixtures.CLEAN, false))
            .isInstanceOf(EngineUnavailableException.class)
            .hasMessageContaining("closed");
    }

    private static ClamdEngine tcpEngine(ClamdProcess clamd) {
        return ClamdEngine.create(clamd.tcpConfig().build());
    }

    private static ClamdEngine unixEngine(ClamdProcess clamd) {
        return ClamdEngine.create(clamd.unixConfig().build());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ClamdEngineTest.class.getResourceAsStream("/clamd/" + name)) {
            if (in == null) {
                throw new IOException("test resource /clamd/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }
}
