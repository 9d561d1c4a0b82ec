package org.smtpgw.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of {@code bin/smtpgw} (the manual's appendix A.6, plus {@code -t}).
 *
 * <pre>
 * smtpgw [-dnot] [-c FILE] [-p FILE] [-u USER]
 * </pre>
 *
 * {@link #fromArgs} only parses; {@link Launcher} acts on the result.
 */
@Command(name = "smtpgw", sortOptions = false, versionProvider = SmtpgwCommand.Version.class,
    description = "Anti-virus SMTP gateway built on Apache James.",
    footer = {"", "Exit codes: 0 started (or configuration valid with -t), 1 bad options, 30 critical error,",
        "41 pid file exists, 42 pid file cannot be created, 43 daemon could not start,",
        "44 owner cannot be changed, 55 address cannot be bound, 65 configuration unreadable,",
        "66 configuration invalid."})
public final class SmtpgwCommand {

    @Option(names = {"-c", "--conf-file"}, paramLabel = "FILE",
        description = "Configuration file (default: <home>/conf/smtpgw.conf).")
    Path confFile;

    @Option(names = {"-d", "--no-daemon"}, description = "Run in the foreground until TERM or INT.")
    boolean noDaemon;

    @Option(names = {"-p", "--pid-file"}, paramLabel = "FILE",
        description = "Pid file (default: <home>/var/run/smtpgw.pid).")
    Path pidFile;

    @Option(names = {"-n", "--no-pid-file"}, description = "Do not write a pid file.")
    boolean noPidFile;

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
        description = "Run the server as USER (only when started as root).")
    String user;

    @Option(names = {"-o", "--no-change-owner"}, description = "Do not change the owner of the process (ignore -u).")
    boolean noChangeOwner;

    @Option(names = {"-t", "--check-config"},
        description = "Check the configuration, print every problem found, exit 0 (valid) or 66; start nothing.")
    boolean checkOnly;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version and exit.")
    boolean version;

    /** Written by a daemon child once the server accepts mail; used by the parent to return. Internal. */
    @Option(names = "--ready-file", hidden = true)
    Path readyFile;


    /** Options as given, or how to answer without running. */
    public sealed interface Parsed permits Run, Answer {
    }

    /** Run (or check) the gateway. */
    public record Run(SmtpgwCommand command) implements Parsed {
    }

    /** Print {@code text} and exit with {@code exitCode}: help, version, or an option error. */
    public record Answer(ExitCode exitCode, String text) implements Parsed {
    }

    public static Parsed fromArgs(String... args) {
        SmtpgwCommand command = new SmtpgwCommand();
        CommandLine commandLine = new CommandLine(command);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return new Answer(ExitCode.BAD_OPTIONS, "smtpgw: " + e.getMessage() + "\n"
                + "Try 'smtpgw --help' for the list of options.");
        }
        if (commandLine.isUsageHelpRequested()) {
            return new Answer(ExitCode.OK, commandLine.getUsageMessage());
        }
        if (commandLine.isVersionHelpRequested()) {
            StringWriter out = new StringWriter();
            commandLine.printVersionHelp(new PrintWriter(out));
            return new Answer(ExitCode.OK, out.toString());
        }
        if (command.noPidFile && command.pidFile != null) {
            return new Answer(ExitCode.BAD_OPTIONS, "smtpgw: -n/--no-pid-file and -p/--pid-file exclude each other");
        }
        return new Run(command);
    }

    public Optional<Path> confFile() {
        return Optional.ofNullable(confFile);
    }

    public boolean noDaemon() {
        return noDaemon;
    }

    public Optional<Path> pidFile() {
        return Optional.ofNullable(pidFile);
    }

    public boolean noPidFile() {
        return noPidFile;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public boolean noChangeOwner() {
        return noChangeOwner;
    }

    public boolean checkOnly() {
        return checkOnly;
    }

    public Optional<Path> readyFile() {
        return Optional.ofNullable(readyFile);
    }

    public static void main(String[] args) {
        Logging.useDefaultUnlessConfigured();
        new Launcher(Launcher.Environment.fromSystem(), System.out, System.err)
            .launch(args)
            .ifPresent(System::exit);
        // Empty: the server runs; the JVM lives on its threads until TERM/INT run the shutdown hook.
    }

    /** The version, from a resource the build writes. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"smtpgw " + version()};
        }

        public static String version() {
            try (InputStream in = SmtpgwCommand.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
