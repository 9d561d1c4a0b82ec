package org.smtpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SmtpgwCommandTest {

    @Test
    void fromArgsShouldReadEveryOptionOfTheManual() {
        SmtpgwCommand.Parsed parsed = SmtpgwCommand.fromArgs("-c", "my.conf", "-d", "-p", "x.pid", "-u", "mail", "-o", "-t");

        assertThat(parsed).isInstanceOf(SmtpgwCommand.Run.class);
        SmtpgwCommand command = ((SmtpgwCommand.Run) parsed).command();
        assertThat(command.confFile()).contains(Path.of("my.conf"));
        assertThat(command.noDaemon()).isTrue();
        assertThat(command.pidFile()).contains(Path.of("x.pid"));
        assertThat(command.user()).contains("mail");
        assertThat(command.noChangeOwner()).isTrue();
        assertThat(command.checkOnly()).isTrue();
    }

    @Test
    void fromArgsShouldAcceptLongOptions() {
        SmtpgwCommand command = ((SmtpgwCommand.Run) SmtpgwCommand.fromArgs(
            "--conf-file=a.conf", "--no-daemon", "--no-pid-file", "--user=mail", "--no-change-owner")).command();

        assertThat(command.confFile()).contains(Path.of("a.conf"));
        assertThat(command.noPidFile()).isTrue();
        assertThat(command.pidFile()).isEmpty();
    }

    @Test
    void fromArgsShouldAnswer1ToAnUnknownOption() {
        SmtpgwCommand.Parsed parsed = SmtpgwCommand.fromArgs("-x");

        assertThat(parsed).isInstanceOfSatisfying(SmtpgwCommand.Answer.class, answer -> {
            assertThat(answer.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS);
            assertThat(answer.text()).contains("-x");
        });
    }

    @Test
    void fromArgsShouldAnswer1ToAMissingValue() {
        assertThat(SmtpgwCommand.fromArgs("-c")).isInstanceOfSatisfying(SmtpgwCommand.Answer.class,
            answer -> assertThat(answer.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS));
    }

    @Test
    void fromArgsShouldRefusePidFileTogetherWithNoPidFile() {
        assertThat(SmtpgwCommand.fromArgs("-n", "-p", "x.pid")).isInstanceOfSatisfying(SmtpgwCommand.Answer.class,
            answer -> assertThat(answer.exitCode()).isEqualTo(ExitCode.BAD_OPTIONS));
    }

    @Test
    void fromArgsShouldAnswerHelpAndVersionWithZero() {
        assertThat(SmtpgwCommand.fromArgs("-?")).isInstanceOfSatisfying(SmtpgwCommand.Answer.class, answer -> {
            assertThat(answer.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(answer.text()).contains("--conf-file");
        });
        assertThat(SmtpgwCommand.fromArgs("--version")).isInstanceOfSatisfying(SmtpgwCommand.Answer.class, answer -> {
            assertThat(answer.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(answer.text()).startsWith("smtpgw ");
        });
    }
}
