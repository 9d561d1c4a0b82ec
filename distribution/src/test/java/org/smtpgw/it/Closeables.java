package org.smtpgw.it;

/** Ends what a test class started (servers, sinks, listeners), in order, whatever was started before a failure. */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes every non-null resource, in the order given, even when an earlier one fails; the first failure is
     * thrown at the end with the later ones suppressed.
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
