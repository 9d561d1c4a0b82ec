package org.smtpgw.launcher;

import java.io.PrintStream;

import sun.misc.Signal;

/**
 * Signal HUP: reload the configuration (manual A.3) instead of the JVM's default, which is to exit.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way a Java program handles a signal; it has been
 * kept, unchanged, in every JDK since for this reason.
 */
final class Hangup {
    private Hangup() {
    }

    static void onSignal(Runnable action, PrintStream err) {
        try {
            Signal.handle(new Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // e.g. the JVM runs with -Xrs, or HUP is ignored because the process was started with nohup
            err.println("smtpgw: warning: cannot handle signal HUP (" + e.getMessage()
                + "); reload with bin/smtpgwctl restart instead");
        }
    }
}
