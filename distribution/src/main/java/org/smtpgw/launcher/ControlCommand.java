package org.smtpgw.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.smtpgw.mailets.control.ControlFile;
import org.smtpgw.server.control.ControlSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The actions of {@code bin/smtpgwctl} that talk to the running server (manual 6.4): {@code reload} sends it HUP
 * after checking the configuration, the others drop a management file (A.4) into {@code ControlPath} and wait until
 * the server has carried it out and deleted it.
 *
 * <pre>
 * smtpgwctl [-p PIDFILE] [-c FILE] [-w SECONDS] reload|reloadbases|stats|recv-on|recv-off|send-on|send-off|avir-on|avir-off
 * </pre>
 */
@Command(name = "smtpgwctl", sortOptions = false,
    description = "Control the running smtpgw server.",
    footer = {"", "Actions: reload (check the configuration, then restart the server with it; also signal HUP),",
        "reloadbases, stats (print the statistics), recv-on, recv-off, send-on, send-off, avir-on, avir-off.",
        "", "Exit codes: 0 done, 1 bad options, 3 smtpgw is not running, 4 no answer from the server in time,",
        "30 the server could not do it, 65 configuration unreadable, 66 configuration invalid (server unchanged)."})
public final class ControlCommand implements Callable<Integer> {
    static final int NOT_RUNNING = 3;
    static final int NO_ANSWER = 4;
    static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(300);
    /** How long a command the server has taken may run (a database reload of a large database takes a while). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(600);

    /** An action and the control file it uses (none for reload). */
    enum Action {
        RELOAD("reload", null, "configuration reloaded"),
        RELOADBASES("reloadbases", ControlFile.DB_RELOAD, "anti-virus databases reloaded (the log names the version in service)"),
        STATS("stats", ControlFile.STATS, null),
        RECV_ON("recv-on", ControlFile.RECV_ON, "receiver task running: new SMTP sessions are accepted"),
        RECV_OFF("recv-off", ControlFile.RECV_OFF, "receiver task stopped: new SMTP sessions get 421"),
        SEND_ON("send-on", ControlFile.SEND_ON, "sender task running: queued mail is delivered"),
        SEND_OFF("send-off", ControlFile.SEND_OFF, "sender task stopped: mail stays in the queue"),
        AVIR_ON("avir-on", ControlFile.AVIR_ON, "anti-virus task running: mail is scanned and delivered"),
        AVIR_OFF("avir-off", ControlFile.AVIR_OFF, "anti-virus task stopped: mail waits in the queue unscanned");

        final String name;
        final ControlFile file;
        final String done;

        Action(String name, ControlFile file, String done) {
            this.name = name;
            this.file = file;
            this.done = done;
        }

        static Optional<Action> byName(String name) {
            for (Action action : values()) {
                if (action.name.equals(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    @Parameters(index = "0", paramLabel = "ACTION", description = "What to do (see below).")
    String action;

    @Option(names = {"-c", "--conf-file"}, paramLabel = "FILE",
        description = "Configuration file to use (default: the one the running server was started with,"
            + " else <home>/conf/smtpgw.conf).")
    Path confFile;

    @Option(names = {"-p", "--pid-file"}, paramLabel = "FILE",
        description = "Pid file of the server (default: <home>/var/run/smtpgw.pid).")
    Path pidFile;

    @Option(names = {"-w", "--wait"}, paramLabel = "SECONDS", defaultValue = "30",
        description = "How long to wait for the server to take a management file (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private Launcher.Environment environment;
    private PrintStream out;
    private PrintStream err;
    private Predicate<ProcessHandle> isSmtpgw = ControlCommand::isSmtpgw;

    public static void main(String[] args) {
        Logging.useDefaultUnlessConfigured();
        System.exit(run(Launcher.Environment.fromSystem(), System.out, System.err, args));
    }

    static int run(Launcher.Environment environment, PrintStream out, PrintStream err, String... args) {
        return run(environment, ControlCommand::isSmtpgw, out, err, args);
    }

    /** @param isSmtpgw whether the live process named by the pid file is the server (tests stand in for it) */
    static int run(Launcher.Environment environment, Predicate<ProcessHandle> isSmtpgw, PrintStream out,
                   PrintStream err, String... args) {
        ControlCommand command = new ControlCommand();
        command.isSmtpgw = isSmtpgw;
        command.environment = environment;
        command.out = out;
        command.err = err;
        CommandLine commandLine = new CommandLine(command)
            .setOut(new java.io.PrintWriter(out, true))
            .setErr(new java.io.PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        Optional<Action> chosen = Action.byName(action);
        if (chosen.isEmpty()) {
            err.println("smtpgwctl: unknown action '" + action + "'; expected one of start, stop, restart, status,"
                + " reload, reloadbases, stats, recv-on, recv-off, send-on, send-off, avir-on, avir-off");
            return ExitCode.BAD_OPTIONS.code();
        }
        if (waitSeconds < 1 || waitSeconds > 3600) {
            err.println("smtpgwctl: --wait must be 1 to 3600 seconds, got " + waitSeconds);
            return ExitCode.BAD_OPTIONS.code();
        }
        Path home = environment.home();
        Path pids = Optional.ofNullable(pidFile).map(environment::resolveUserPath).orElse(home.resolve(Launcher.DEFAULT_PID_FILE));
        try {
            Optional<Long> serverPid = new PidFile(pids).readPid()
                .filter(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(isSmtpgw).isPresent());
            if (serverPid.isEmpty()) {
                err.println("smtpgwctl: smtpgw is not running (no live smtpgw process in " + pids + ")");
                return NOT_RUNNING;
            }
            // What the running server wrote about itself: the configuration file, ControlPath and StatFilename it
            // really uses, even when smtpgw.conf was edited since.
            Optional<ReloadStatus> server = ReloadStatus.read(ReloadStatus.file(home))
                .filter(status -> status.pid() == serverPid.get());
            Path conf = Optional.ofNullable(confFile).map(environment::resolveUserPath)
                .or(() -> server.map(ReloadStatus::confFile))
                .orElse(home.resolve(Launcher.DEFAULT_CONF));
            if (chosen.get() == Action.RELOAD) {
                GatewayConf.Checked checked = GatewayConf.check(conf, home);
                checked.problems().forEach(err::println);
                if (checked.control().isEmpty()) {
                    err.println("smtpgwctl: " + conf + " is invalid (" + checked.errorCount()
                        + (checked.errorCount() == 1 ? " error)" : " errors)") + "; the running server was not touched");
                    return ExitCode.CONF_INVALID.code();
                }
                return reload(home, serverPid.get());
            }
            Optional<ControlSettings> control = confFile == null ? server.map(ReloadStatus::control) : Optional.empty();
            if (control.isEmpty()) {
                GatewayConf.Checked checked = GatewayConf.check(conf, home);
                if (checked.control().isEmpty()) {
                    checked.problems().forEach(err::println);
                    err.println("smtpgwctl: " + conf + " is invalid (" + checked.errorCount()
                        + (checked.errorCount() == 1 ? " error)" : " errors)") + "; cannot tell the ControlPath from it");
                    return ExitCode.CONF_INVALID.code();
                }
                control = checked.control();
            }
            return controlFile(chosen.get(), control.get(), serverPid.get());
        } catch (LaunchException e) {
            err.println("smtpgwctl: " + e.getMessage());
            return e.exitCode().code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("smtpgwctl: interrupted");
            return ExitCode.CRITICAL.code();
        } catch (IOException e) {
            err.println("smtpgwctl: " + e.getMessage());
            return ExitCode.CRITICAL.code();
        }
    }

    private int reload(Path home, long serverPid) throws IOException, InterruptedException {
        Path statusFile = ReloadStatus.file(home);
        long before = ReloadStatus.read(statusFile).filter(status -> status.pid() == serverPid)
            .map(ReloadStatus::count).orElse(0L);
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(serverPid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            err.println("smtpgwctl: cannot send HUP to process " + serverPid);
            return ExitCode.CRITICAL.code();
        }
        long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReloadStatus> status = ReloadStatus.read(statusFile)
                .filter(s -> s.pid() == serverPid && s.count() > before);
            if (status.isPresent()) {
                return report(status.get());
            }
            if (ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false).equals(false)) {
                err.println("smtpgwctl: smtpgw (pid " + serverPid + ") ended during the reload; see its log");
                return ExitCode.CRITICAL.code();
            }
            Thread.sleep(200);
        }
        err.println("smtpgwctl: smtpgw (pid " + serverPid + ") did not finish the reload within "
            + RELOAD_TIMEOUT.toSeconds() + " s; see its log");
        return NO_ANSWER;
    }

    private int report(ReloadStatus status) {
        switch (status.result()) {
            case OK -> {
                out.println("smtpgw: " + status.message());
                return ExitCode.OK.code();
            }
            case INVALID -> {
                err.println("smtpgw: configuration not reloaded, the server runs on unchanged:\n" + status.message());
                return ExitCode.CONF_INVALID.code();
            }
            default -> {
                err.println("smtpgw: " + status.message());
                return ExitCode.CRITICAL.code();
            }
        }
    }

    private int controlFile(Action chosen, ControlSettings control, long serverPid)
        throws IOException, InterruptedException {
        Path directory = control.controlPath();
        if (!Files.isDirectory(directory)) {
            err.println("smtpgwctl: ControlPath " + directory + " is not a directory; the server cannot be reached"
                + " through management files");
            return ExitCode.CRITICAL.code();
        }
        Path request = directory.resolve(chosen.file.fileName());
        Path failed = directory.resolve(chosen.file.failedFileName());
        Files.deleteIfExists(failed);
        try {
            Files.createFile(request);
        } catch (FileAlreadyExistsException pending) {
            // Someone asked the same a moment ago: its answer is ours too.
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (Files.exists(request)) {
            if (System.nanoTime() > deadline) {
                // Left there, it would be carried out whenever the server gets to it: surprising, so take it back.
                Files.deleteIfExists(request);
                err.println("smtpgwctl: smtpgw (pid " + serverPid + ") did not take " + request + " within "
                    + waitSeconds + " s; nothing was done. Is " + directory + " the ControlPath of the running server?");
                return NO_ANSWER;
            }
            Thread.sleep(100);
        }
        // Taken: the server renamed it NAME.running while the command runs (a database reload may take long).
        Path running = directory.resolve(chosen.file.runningFileName());
        long runningDeadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (Files.exists(running)) {
            if (System.nanoTime() > runningDeadline) {
                err.println("smtpgwctl: smtpgw (pid " + serverPid + ") is still working on " + chosen.file.description()
                    + " after " + COMMAND_TIMEOUT.toSeconds() + " s; see its log");
                return NO_ANSWER;
            }
            if (!ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false)) {
                err.println("smtpgwctl: smtpgw (pid " + serverPid + ") ended while working on "
                    + chosen.file.description() + "; see its log");
                return ExitCode.CRITICAL.code();
            }
            Thread.sleep(100);
        }
        if (Files.exists(failed)) {
            String message = Files.readString(failed, StandardCharsets.UTF_8).trim();
            Files.deleteIfExists(failed);
            err.println("smtpgwctl: " + message);
            return ExitCode.CRITICAL.code();
        }
        if (chosen == Action.STATS) {
            out.print(Files.readString(control.statFile(), StandardCharsets.UTF_8));
        } else {
            out.println("smtpgw: " + chosen.done);
        }
        return ExitCode.OK.code();
    }

    /** When the command line cannot be read (another user's process), assume it is smtpgw. */
    private static boolean isSmtpgw(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains(SmtpgwCommand.class.getName())).orElse(true);
    }
}
