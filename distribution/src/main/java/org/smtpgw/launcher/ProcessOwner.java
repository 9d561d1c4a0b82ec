package org.smtpgw.launcher;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code -u USER}: the server runs as USER. Only root can do that: the launcher (root) gives {@code var/}
 * (and the pid file's directory) to USER, then starts the server JVM through {@code setpriv} with USER's
 * uid, primary gid and groups. {@code -o} keeps the current owner (ignores {@code -u}); {@code -u} naming
 * the current user is a no-op. Anything else is exit code 44 with the reason.
 */
final class ProcessOwner {
    private static final String SETPRIV = "/usr/bin/setpriv";

    private ProcessOwner() {
    }

    /** The user to switch to, if any. */
    static Optional<String> target(SmtpgwCommand command) throws LaunchException {
        if (command.user().isEmpty() || command.noChangeOwner()) {
            return Optional.empty();
        }
        String user = command.user().get();
        lookup(user);
        if (user.equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new LaunchException(ExitCode.OWNER_NOT_CHANGED, "cannot run as user '" + user + "': only root can change"
                + " the owner of the process; start smtpgw as root, as '" + user + "', or without -u");
        }
        if (!Files.isExecutable(Path.of(SETPRIV))) {
            throw new LaunchException(ExitCode.OWNER_NOT_CHANGED, "cannot run as user '" + user + "': " + SETPRIV
                + " (util-linux) is missing");
        }
        return Optional.of(user);
    }

    /** The command prefix that runs the rest as {@code user}. */
    static List<String> commandPrefix(String user) {
        List<String> prefix = new ArrayList<>();
        prefix.add(SETPRIV);
        prefix.add("--reuid=" + user);
        prefix.add("--regid=" + primaryGroup(user));
        prefix.add("--init-groups");
        prefix.add("--");
        return prefix;
    }

    /** The server writes its queue, repositories, logs and pid file under var/: they must be the user's. */
    static void giveVarTo(String user, Path home, Optional<Path> pidFile) throws LaunchException {
        UserPrincipal principal = lookup(user);
        List<Path> roots = new ArrayList<>();
        roots.add(home.resolve("var"));
        pidFile.map(Path::getParent).filter(dir -> !dir.startsWith(home.resolve("var"))).ifPresent(roots::add);
        for (Path root : roots) {
            try {
                Files.createDirectories(root);
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path path : paths.toList()) {
                        Files.setOwner(path, principal);
                    }
                }
            } catch (IOException e) {
                throw new LaunchException(ExitCode.OWNER_NOT_CHANGED, "cannot give " + root + " to user '" + user + "': " + e.getMessage(), e);
            }
        }
    }

    private static UserPrincipal lookup(String user) throws LaunchException {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (UserPrincipalNotFoundException e) {
            throw new LaunchException(ExitCode.OWNER_NOT_CHANGED, "cannot run as user '" + user + "': no such user");
        } catch (IOException e) {
            throw new LaunchException(ExitCode.OWNER_NOT_CHANGED, "cannot look up user '" + user + "': " + e.getMessage(), e);
        }
    }

    private static String primaryGroup(String user) {
        try {
            Process id = new ProcessBuilder("id", "-g", user).redirectErrorStream(true).start();
            String gid = new String(id.getInputStream().readAllBytes()).trim();
            if (id.waitFor() == 0 && !gid.isEmpty()) {
                return gid;
            }
        } catch (IOException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return user;
    }
}
