package org.smtpgw.mailets.stats;

import java.util.function.BooleanSupplier;

/** Waits for a background thread's work; the bound only keeps a broken test from hanging, it is not asserted. */
final class Eventually {
    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(5);
        }
    }
}
