package org.smtpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void createShouldWriteThePidAndCreateTheDirectory() throws Exception {
        PidFile pidFile = new PidFile(dir.resolve("run/smtpgw.pid"));

        pidFile.create(1234);

        assertThat(pidFile.readPid()).contains(1234L);
    }

    @Test
    void createShouldFailWith41WhenTheFileNamesALiveSmtpgw() throws Exception {
        Path path = dir.resolve("smtpgw.pid");
        // Any process whose command line names the launcher class counts as a running smtpgw.
        Process other = new ProcessBuilder("sh", "-c", "sleep 30; exit 0", SmtpgwCommand.class.getName()).start();
        try {
            Files.writeString(path, other.pid() + "\n");

            assertThatThrownBy(() -> new PidFile(path).create(1))
                .isInstanceOfSatisfying(LaunchException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PID_FILE_EXISTS));
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void createShouldReplaceAFileWhosePidNowBelongsToAnotherProgram() throws Exception {
        Path path = dir.resolve("smtpgw.pid");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(path, other.pid() + "\n");

            new PidFile(path).create(4242);

            assertThat(new PidFile(path).readPid()).contains(4242L);
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void createShouldReplaceAStaleFile() throws Exception {
        Path path = dir.resolve("smtpgw.pid");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(path, gone.pid() + "\n");

        new PidFile(path).create(4321);

        assertThat(new PidFile(path).readPid()).contains(4321L);
    }

    @Test
    void createShouldFailWith42WhenTheDirectoryCannotBeMade() throws Exception {
        Path file = Files.createFile(dir.resolve("a-file"));

        assertThatThrownBy(() -> new PidFile(file.resolve("smtpgw.pid")).create(1))
            .isInstanceOfSatisfying(LaunchException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PID_FILE_NOT_CREATED));
    }

    @Test
    void deleteShouldLeaveAnotherInstancesFile() throws Exception {
        PidFile pidFile = new PidFile(dir.resolve("smtpgw.pid"));
        pidFile.create(1111);

        pidFile.delete(2222);

        assertThat(pidFile.path()).exists();
        pidFile.delete(1111);
        assertThat(pidFile.path()).doesNotExist();
    }
}
