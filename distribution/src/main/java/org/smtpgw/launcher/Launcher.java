package org.smtpgw.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.smtpgw.launcher.SmtpgwCommand.Answer;
import org.smtpgw.launcher.SmtpgwCommand.Run;

/**
 * What {@code bin/smtpgw} does with its options: check the configuration, then either run the server in
 * this JVM ({@code -d}), or start it as a detached child process (daemon) and return once it accepts mail,
 * with the child's exit code if it could not start.
 */
public final class Launcher {
    static final String DEFAULT_CONF = "conf/smtpgw.conf";
    static final String DEFAULT_PID_FILE = "var/run/smtpgw.pid";

    /** Where the launcher runs: the distribution home, the caller's directory, how to start another JVM. */
    public record Environment(Path home, Path callerDir, String javaCommand, List<String> jvmArguments, String classPath) {

        public static Environment fromSystem() {
            return new Environment(homeFromSystem(), Path.of(System.getProperty("smtpgw.cwd", System.getProperty("user.dir"))),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path"));
        }

        /** Paths given on the command line are relative to the directory the user ran smtpgw from. */
        Path resolveUserPath(Path path) {
            return callerDir.resolve(path).toAbsolutePath().normalize();
        }

        private static Path homeFromSystem() {
            String property = System.getProperty("smtpgw.home");
            if (property != null) {
                return Path.of(property).toAbsolutePath().normalize();
            }
            // lib/distribution-x.jar -> home
            try {
                Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path lib = jar.getParent();
                return lib.getParent().toAbsolutePath().normalize();
            } catch (URISyntaxException | NullPointerException e) {
                return Path.of("").toAbsolutePath();
            }
        }
    }

    private final Environment environment;
    private final PrintStream out;
    private final PrintStream err;

    public Launcher(Environment environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** @return the exit code, or empty when the server now runs in this JVM */
    public OptionalInt launch(String... args) {
        SmtpgwCommand.Parsed parsed = SmtpgwCommand.fromArgs(args);
        if (parsed instanceof Answer answer) {
            (answer.exitCode() == ExitCode.OK ? out : err).print(answer.text().endsWith("\n") ? answer.text() : answer.text() + "\n");
            return OptionalInt.of(answer.exitCode().code());
        }
        try {
            return run(((Run) parsed).command());
        } catch (LaunchException e) {
            err.println("smtpgw: " + e.getMessage());
            return OptionalInt.of(e.exitCode().code());
        } catch (RuntimeException e) {
            // A bug, not an operator error: say so with the trace, and never exit 1 ("bad options").
            err.println("smtpgw: critical error: " + e);
            e.printStackTrace(err);
            return OptionalInt.of(ExitCode.CRITICAL.code());
        }
    }

    private OptionalInt run(SmtpgwCommand command) throws LaunchException {
        Path home = environment.home();
        Path confFile = command.confFile().map(environment::resolveUserPath).orElse(home.resolve(DEFAULT_CONF));
        GatewayConf.Checked checked = GatewayConf.check(confFile, home);
        checked.problems().forEach(err::println);
        if (checked.jamesFiles().isEmpty()) {
            throw new LaunchException(ExitCode.CONF_INVALID, confFile + " is invalid (" + checked.errorCount()
                + (checked.errorCount() == 1 ? " error)" : " errors)"));
        }
        if (command.checkOnly()) {
            out.println("smtpgw: " + confFile + ": configuration is valid");
            return OptionalInt.of(ExitCode.OK.code());
        }
        JamesFiles jamesFiles = checked.jamesFiles().get();

        Optional<PidFile> pidFile = command.noPidFile()
            ? Optional.empty()
            : Optional.of(new PidFile(command.pidFile().map(environment::resolveUserPath).orElse(home.resolve(DEFAULT_PID_FILE))));
        Optional<String> owner = ProcessOwner.target(command);

        if (command.noDaemon() && owner.isEmpty()) {
            new ServerRunner(home, err).run(confFile, new ReloadableServer.Setup(jamesFiles, checked.control().orElseThrow()),
                pidFile, command.readyFile());
            return OptionalInt.empty();
        }
        // Checked here too, so the caller sees these errors on its terminal and gets the exit code.
        if (pidFile.isPresent()) {
            pidFile.get().checkNotRunning();
        }
        ListenAddresses.of(jamesFiles).probe();
        if (owner.isPresent()) {
            ProcessOwner.giveVarTo(owner.get(), home, pidFile.map(PidFile::path));
        }
        ChildServer child = new ChildServer(environment, out, err);
        int exit = command.noDaemon()
            ? child.runAttached(confFile, pidFile.map(PidFile::path), owner)
            : child.startDetached(confFile, pidFile.map(PidFile::path), owner);
        return OptionalInt.of(exit);
    }
}
