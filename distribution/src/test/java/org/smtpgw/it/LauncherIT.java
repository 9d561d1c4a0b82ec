package org.smtpgw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/smtpgw} and {@code bin/smtpgwctl} of the packaged distribution: options and exit codes (manual A.6, A.7). */
class LauncherIT {
    @TempDir
    static Path dir;
    static Gateway gateway;

    @BeforeAll
    static void install() throws Exception {
        gateway = Gateway.install(dir);
        gateway.configure(conf -> { });
    }

    @AfterAll
    static void stopLeftovers() throws Exception {
        gateway.close();
    }

    @Test
    void printsTheVersion() throws Exception {
        Gateway.Result result = gateway.run("-V");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).startsWith("smtpgw ").doesNotContain("${");
    }

    @Test
    void printsHelpWithEveryOption() throws Exception {
        Gateway.Result result = gateway.run("-?");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("--conf-file", "--no-daemon", "--pid-file", "--no-pid-file", "--user",
            "--no-change-owner", "--version", "--help", "-t");
    }

    @Test
    void exitsWith1OnAnUnknownOption() throws Exception {
        Gateway.Result result = gateway.run("--frobnicate");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("--frobnicate");
    }

    @Test
    void checksTheConfigurationWithoutStartingAnything() throws Exception {
        Gateway.Result result = gateway.run("-t");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("valid");
        assertThat(gateway.home().resolve("var/run/smtpgw.pid")).doesNotExist();
    }

    @Test
    void printsEveryProblemOfAnInvalidConfigurationAndExitsWith66() throws Exception {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, new ConfEditor(Files.readString(gateway.home().resolve("conf/smtpgw.conf")))
            .set("smtpgw.limits", "MaximalIncomingHops", "0")
            .set("smtpgw.limits", "NoSuchKey", "1")
            .set("smtpgw.access", "Rule", "allow from 300.1.1.1 to any")
            .text());

        Gateway.Result result = gateway.run("-t", "-c", bad.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(66);
        assertThat(result.output())
            .contains("[smtpgw.limits] MaximalIncomingHops=0")
            .contains("NoSuchKey")
            .contains("300.1.1.1")
            .contains(bad.toString());
    }

    @Test
    void refusesToStartWithAnInvalidConfiguration() throws Exception {
        Path bad = dir.resolve("bad-start.conf");
        Files.writeString(bad, "[smtpgw.limits]\nMaximalIncomingHops=0\n");

        Gateway.Result result = gateway.run("-d", "-n", "-c", bad.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(66);
    }

    @Test
    void exitsWith65WhenTheConfigurationCannotBeRead() throws Exception {
        Gateway.Result result = gateway.runIn(dir, "-t", "-c", "missing.conf");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(65);
        assertThat(result.output()).as("a relative -c path is relative to the caller's directory")
            .contains(dir.resolve("missing.conf").toString());
    }

    @Test
    void exitsWith41WhenThePidFileNamesARunningProcess() throws Exception {
        Path pidFile = gateway.home().resolve("var/run/other.pid");
        // Stands for a running gateway: a live process whose command line names the launcher.
        Process running = new ProcessBuilder("sh", "-c", "sleep 60; exit 0", "org.smtpgw.launcher.SmtpgwCommand").start();
        try {
            Files.writeString(pidFile, running.pid() + "\n");

            Gateway.Result result = gateway.run("-d", "-p", pidFile.toString());

            assertThat(result.exitCode()).as(result.output()).isEqualTo(41);
            assertThat(result.output()).contains(pidFile.toString());
        } finally {
            running.destroyForcibly();
        }
    }

    @Test
    void smtpgwctlDoesNotTakeAReusedPidForARunningGateway() throws Exception {
        Path pidFile = gateway.home().resolve("var/run/reused.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");

        Path output = dir.resolve("ctl-status.out");
        Process status = new ProcessBuilder(gateway.home().resolve("bin/smtpgwctl").toString(), "-p", pidFile.toString(), "status")
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(status.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(status.exitValue()).as(Files.readString(output)).isEqualTo(3);
    }

    @Test
    void exitsWith42WhenThePidFileCannotBeCreated() throws Exception {
        Path impossible = gateway.home().resolve("bin/smtpgw/smtpgw.pid");

        Gateway.Result result = gateway.run("-d", "-p", impossible.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(42);
        assertThat(result.output()).contains(impossible.toString());
    }

    @Test
    void exitsWith55WhenTheListeningAddressIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(gateway.smtpPort(), 1, InetAddress.getLoopbackAddress())) {
            assertThat(taken.isBound()).isTrue();
            Gateway.Result result = gateway.run("-d", "-n");

            assertThat(result.exitCode()).as(result.output()).isEqualTo(55);
            assertThat(result.output()).contains("127.0.0.1:" + gateway.smtpPort());
        }
    }

    @Test
    void exitsWith55WhenTheListenOnAddressIsNotOnThisHost() throws Exception {
        Path conf = dir.resolve("foreign-address.conf");
        Files.writeString(conf, new ConfEditor(Files.readString(gateway.home().resolve("conf/smtpgw.conf")))
            .set("smtpgw.network", "ListenOn", "192.0.2.1:" + gateway.smtpPort())
            .text());

        Gateway.Result result = gateway.run("-d", "-n", "-c", conf.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(55);
        assertThat(result.output()).contains("192.0.2.1:" + gateway.smtpPort());
    }

    @Test
    void exitsWith30WhenJamesCannotStart() throws Exception {
        Gateway broken = Gateway.install(dir.resolve("broken"));
        broken.configure(conf -> { });
        // The queue store must be a directory: a file in its place makes the embedded broker fail.
        Files.createDirectories(broken.home().resolve("var/store"));
        Files.writeString(broken.home().resolve("var/store/activemq"), "not a directory");

        Gateway.Result result = broken.run("-d");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(30);
        assertThat(result.output()).contains("James failed to start");
        assertThat(broken.home().resolve("var/run/smtpgw.pid")).as("pid file removed").doesNotExist();
    }

    @Test
    void exitsWith44WhenTheUserDoesNotExist() throws Exception {
        Gateway.Result result = gateway.run("-d", "-n", "-u", "no-such-user-smtpgw");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(44);
        assertThat(result.output()).contains("no-such-user-smtpgw");
    }

    @Test
    void startsInTheBackgroundAndStopsWithSmtpgwctl() throws Exception {
        Path pidFile = gateway.home().resolve("var/run/smtpgw.pid");

        Gateway.Result start = gateway.run();

        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("started");
        assertThat(gateway.home().resolve("var/log/smtpgw.out")).content().contains("smtpgw: started");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(pid)).get().matches(ProcessHandle::isAlive);
        try (SmtpClient client = SmtpClient.connect(gateway.smtpPort())) {
            assertThat(client.greeting().code()).isEqualTo(220);
        }
        assertThat(ctl("status").exitCode()).isZero();

        Gateway.Result stop = ctl("stop");

        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(ctl("status").exitCode()).isEqualTo(3);
    }

    @Test
    void theTarballUnpacksToARunnableDistribution() throws Exception {
        Path tarball = Path.of(System.getProperty("smtpgw.tarball", "target/smtpgw.tar.gz"));
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", unpacked.toString())
            .inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        Path home;
        try (var entries = Files.list(unpacked)) {
            home = entries.findFirst().orElseThrow();
        }
        assertThat(home.getFileName().toString()).startsWith("smtpgw-");
        assertThat(home.resolve("conf/smtpgw.conf")).isRegularFile();
        assertThat(home.resolve("var/run")).isDirectory();

        Path output = dir.resolve("tarball-check.out");
        Process check = new ProcessBuilder(home.resolve("bin/smtpgw").toString(), "-t")
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(Files.readString(output)).isZero();
    }

    @Test
    void runsTheServerAsTheUserGivenWithDashU() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can change the owner of a process");
        assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:"), "needs the user nobody");
        Gateway owned = Gateway.install(dir.resolve("owned"));
        owned.configure(conf -> { });
        // JUnit's temporary directories are private to root; nobody must reach lib/ and bin/.
        // Only the test's own directories, from the home up to JUnit's temporary directory (never /tmp itself).
        for (Path path = owned.home(); path.startsWith(dir); path = path.getParent()) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try {
            Gateway.Result start = owned.run("-u", "nobody");

            assertThat(start.exitCode()).as(start.output()).isZero();
            long pid = Long.parseLong(Files.readString(owned.home().resolve("var/run/smtpgw.pid")).trim());
            assertThat(ProcessHandle.of(pid).flatMap(handle -> handle.info().user())).contains("nobody");
            try (SmtpClient client = SmtpClient.connect(owned.smtpPort())) {
                assertThat(client.greeting().code()).isEqualTo(220);
            }
        } finally {
            owned.close();
        }
    }

    private Gateway.Result ctl(String action) throws Exception {
        Path output = Files.createTempFile(dir, "ctl", ".out");
        Process process = new ProcessBuilder(List.of(gateway.home().resolve("bin/smtpgwctl").toString(), action))
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Gateway.Result(process.exitValue(), Files.readString(output));
    }
}
