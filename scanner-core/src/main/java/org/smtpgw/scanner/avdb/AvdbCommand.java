package org.smtpgw.scanner.avdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.smtpgw.scanner.db.DatabaseException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code avdb}: the maintainer's tool for signed signature databases ({@code docs/avdb.md}).
 *
 * <pre>{@code
 * avdb keygen --public-key vendor.pub --private-key vendor.key
 * avdb build  --private-key vendor.key --db-version 2026112801 --out db/ main.hdb main.ndb
 * avdb verify --public-key vendor.pub db/
 * avdb info   [--public-key vendor.pub] db/
 * }</pre>
 *
 * Exit codes: {@value #OK} success; {@value #REFUSED} the database or an input was refused (verification failed,
 * signature lines skipped with {@code --strict}, output exists); {@value #USAGE} bad command line;
 * {@value #IO_ERROR} a file could not be read or written.
 *
 * <p>As in okcurl, parsing ({@link #fromArgs}) is separate from running ({@link #run}) and from {@link #main},
 * so tests run commands without starting a process.
 */
@Command(name = "avdb", mixinStandardHelpOptions = true, versionProvider = AvdbCommand.Version.class,
    description = "Create keys, build, verify and inspect signed smtpgw signature databases.",
    subcommands = {KeygenCommand.class, BuildCommand.class, VerifyCommand.class, InfoCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:database or input refused", "2:bad command line", "3:file could not be read or written"})
public final class AvdbCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int IO_ERROR = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The command line of {@code avdb}, printing to the given writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AvdbCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("avdb " + cmd.getCommandName() + ": " + exception.getMessage());
            cmd.getErr().flush();
            if (exception instanceof DatabaseException) {
                return REFUSED;
            }
            if (exception instanceof IOException) {
                return IO_ERROR;
            }
            throw exception;
        });
        return commandLine;
    }

    /** Parses without running: the parsed subcommand objects hold the options. */
    public static CommandLine.ParseResult fromArgs(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).parseArgs(args);
    }

    /** Runs {@code avdb} with these arguments and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** Reads the version the build wrote into {@code avdb-version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = AvdbCommand.class.getResourceAsStream("avdb-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"avdb (smtpgw) " + properties.getProperty("version", "unknown")};
        }
    }
}
