package org.smtpgw.scanner.avdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpgw.scanner.db.DatabaseLayout;

class AvdbCommandTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void writers() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int avdb(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return AvdbCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private void keygen(String name) {
        assertThat(avdb("keygen", "--public-key", dir.resolve(name + ".pub").toString(),
            "--private-key", dir.resolve(name + ".key").toString())).isZero();
    }

    private Path signatureFiles() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("main.hdb"), "44d88612fea8a8f36de82e1278abb02f:68:Eicar.Md5\n");
        Files.writeString(src.resolve("main.hsb"),
            "3395856ce81f2b7382dee72602f798b642f14140:68:Eicar.Sha1\n"
                + "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f:*:Eicar.Sha256\n");
        Files.writeString(src.resolve("main.ndb"), "Body.One:0:*:6c617a79\nBody.Bad:1:EP+0:6c617a79\n");
        return src;
    }

    private int build(Path src, String out, String... extraOptions) {
        List<String> args = new ArrayList<>(List.of("build"));
        args.addAll(List.of(extraOptions));
        args.addAll(List.of("--private-key", dir.resolve("vendor.key").toString(), "--db-version", "2026112801",
            "--released", "2026-11-28T12:00:00Z", "--out", dir.resolve(out).toString(),
            src.resolve("main.hdb").toString(), src.resolve("main.hsb").toString(), src.resolve("main.ndb").toString()));
        return avdb(args.toArray(String[]::new));
    }

    @Test
    void keygenBuildVerifyInfoRoundTrip() throws Exception {
        keygen("vendor");
        assertThat(out.toString()).contains("key fingerprint");

        assertThat(build(signatureFiles(), "db")).isZero();
        assertThat(out.toString()).contains("version 2026112801").contains("3 files")
            .contains("1 MD5, 1 SHA-1, 1 SHA-256, 1 body signatures, 1 skipped");
        assertThat(err.toString()).contains("main.ndb:2: offset 'EP+0' is not supported");

        assertThat(avdb("verify", "--public-key", dir.resolve("vendor.pub").toString(), dir.resolve("db").toString()))
            .isZero();
        assertThat(out.toString()).startsWith("OK ").contains("version 2026112801");

        assertThat(avdb("info", "--public-key", dir.resolve("vendor.pub").toString(), dir.resolve("db").toString()))
            .isZero();
        assertThat(out.toString())
            .contains("version:   2026112801")
            .contains("released:  2026-11-28T12:00:00Z")
            .contains("signature: verified")
            .contains("files:     3")
            .contains("md5:       1")
            .contains("sha1:      1")
            .contains("sha256:    1")
            .contains("body:      1")
            .contains("skipped:   1");
    }

    @Test
    void privateKeyIsReadableByOwnerOnly() throws Exception {
        keygen("vendor");

        assertThat(Files.getPosixFilePermissions(dir.resolve("vendor.key")))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void keygenRefusesToOverwriteAKey() {
        keygen("vendor");

        assertThat(avdb("keygen", "--public-key", dir.resolve("vendor.pub").toString(),
            "--private-key", dir.resolve("other.key").toString())).isEqualTo(AvdbCommand.REFUSED);
        assertThat(err.toString()).contains("vendor.pub exists");
    }

    @Test
    void verifyFailsWithReasonForUntrustedKey() throws Exception {
        keygen("vendor");
        keygen("other");
        build(signatureFiles(), "db");

        int code = avdb("verify", "--public-key", dir.resolve("other.pub").toString(), dir.resolve("db").toString());

        assertThat(code).isEqualTo(AvdbCommand.REFUSED);
        assertThat(err.toString()).contains("refused").contains(DatabaseLayout.SIGNATURE_FILE)
            .contains("does not verify with any trusted key");
    }

    @Test
    void verifyFailsWithReasonForTamperedFile() throws Exception {
        keygen("vendor");
        build(signatureFiles(), "db");
        Files.writeString(dir.resolve("db/main.ndb"), "Body.One:0:*:6c617a79\n");

        int code = avdb("verify", "--public-key", dir.resolve("vendor.pub").toString(), dir.resolve("db").toString());

        assertThat(code).isEqualTo(AvdbCommand.REFUSED);
        assertThat(err.toString()).contains("main.ndb").contains("changed after the database was signed");
    }

    @Test
    void infoWithoutKeySaysSignatureNotChecked() throws Exception {
        keygen("vendor");
        build(signatureFiles(), "db");

        assertThat(avdb("info", "-w", dir.resolve("db").toString())).isZero();

        assertThat(out.toString()).contains("signature: not checked").contains("skipped main.ndb:2:");
    }

    @Test
    void buildWithStrictRefusesSkippedLines() throws Exception {
        keygen("vendor");

        assertThat(build(signatureFiles(), "db", "--strict")).isEqualTo(AvdbCommand.REFUSED);
        assertThat(err.toString()).contains("--strict");
    }

    @Test
    void buildRefusesNonEmptyOutput() throws Exception {
        keygen("vendor");
        Path src = signatureFiles();
        assertThat(build(src, "db")).isZero();

        assertThat(build(src, "db")).isEqualTo(AvdbCommand.REFUSED);
        assertThat(err.toString()).contains("exists and is not an empty directory");
    }

    @Test
    void buildRefusesBadVersion() throws Exception {
        keygen("vendor");
        Path src = signatureFiles();

        assertThat(avdb("build", "--private-key", dir.resolve("vendor.key").toString(), "--db-version", "bad version",
            "--out", dir.resolve("db").toString(), src.resolve("main.hdb").toString())).isEqualTo(AvdbCommand.REFUSED);
        assertThat(err.toString()).contains("bad database version 'bad version'");
    }

    @Test
    void missingRequiredOptionIsUsageError() {
        assertThat(avdb("verify", dir.toString())).isEqualTo(AvdbCommand.USAGE);
        assertThat(err.toString()).contains("--public-key");
    }

    @Test
    void noSubcommandPrintsUsage() {
        assertThat(avdb()).isEqualTo(AvdbCommand.USAGE);
        assertThat(err.toString()).contains("keygen").contains("build").contains("verify").contains("info");
    }

    @Test
    void missingKeyFileIsReportedByName() {
        assertThat(avdb("verify", "--public-key", dir.resolve("absent.pub").toString(), dir.toString()))
            .isEqualTo(AvdbCommand.REFUSED);
        assertThat(err.toString()).contains("absent.pub");
    }

    @Test
    void versionComesFromTheBuild() {
        assertThat(avdb("--version")).isZero();
        assertThat(out.toString()).startsWith("avdb (smtpgw) ").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void fromArgsParsesTheSubcommandOptions() {
        var parsed = AvdbCommand.fromArgs("verify", "--public-key", "a.pub", "--public-key", "b.pub", "db");

        VerifyCommand verify = (VerifyCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(verify.publicKeys).containsExactly(Path.of("a.pub"), Path.of("b.pub"));
        assertThat(verify.directory).isEqualTo(Path.of("db"));
    }
}
