package org.smtpgw.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The pid file of a running server. A pid file naming a live smtpgw process means the gateway already runs
 * (exit 41). A pid file left behind by a process that no longer exists (a crash, {@code kill -9}), or whose
 * pid now belongs to another program, is stale: it is replaced, so a crashed gateway restarts without
 * manual cleanup.
 */
public final class PidFile {
    private final Path path;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Fails with 41 when the file names a live process; says whether a stale file is in the way. */
    public boolean checkNotRunning() throws LaunchException {
        if (!Files.exists(path)) {
            return false;
        }
        Optional<Long> pid = readPid();
        if (pid.isPresent() && pid.get() != ProcessHandle.current().pid()
            && ProcessHandle.of(pid.get()).filter(PidFile::mayBeSmtpgw).isPresent()) {
            throw new LaunchException(ExitCode.PID_FILE_EXISTS,
                "pid file " + path + " exists and process " + pid.get() + " is running; is smtpgw already started?"
                    + " (stop it with bin/smtpgwctl stop, or use -p/--pid-file)");
        }
        return true;
    }

    /**
     * A live process that is not smtpgw (its pid was reused after a crash or a reboot) does not make the file
     * current. When the command line cannot be read (another user's process), assume it is smtpgw.
     */
    private static boolean mayBeSmtpgw(ProcessHandle process) {
        return process.isAlive() && process.info().commandLine()
            .map(line -> line.contains(SmtpgwCommand.class.getName()))
            .orElse(true);
    }

    /** Writes the pid of this process; replaces a stale file. */
    public void create(long pid) throws LaunchException {
        boolean stale = checkNotRunning();
        try {
            if (stale) {
                Files.deleteIfExists(path);
            }
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException | SecurityException e) {
            throw new LaunchException(ExitCode.PID_FILE_NOT_CREATED,
                "cannot create pid file " + path + ": " + describe(e), e);
        }
        try {
            Files.writeString(path, pid + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException raced) {
            throw new LaunchException(ExitCode.PID_FILE_EXISTS, "pid file " + path + " was created by another process");
        } catch (IOException | SecurityException e) {
            throw new LaunchException(ExitCode.PID_FILE_NOT_CREATED,
                "cannot create pid file " + path + ": " + describe(e), e);
        }
    }

    /** Deletes the file if it still names {@code pid} (never another instance's file). */
    public void delete(long pid) {
        if (readPid().filter(p -> p == pid).isPresent()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Stale files are replaced at the next start.
            }
        }
    }

    public Optional<Long> readPid() {
        try {
            String content = Files.readString(path, StandardCharsets.US_ASCII).trim();
            return Optional.of(Long.parseLong(content));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + " " + message;
    }
}
