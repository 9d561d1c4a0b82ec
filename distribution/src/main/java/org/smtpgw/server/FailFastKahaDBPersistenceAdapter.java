package org.smtpgw.server;

import java.io.IOException;

import org.apache.activemq.broker.AbstractLocker;
import org.apache.activemq.broker.Locker;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * KahaDB store that fails at start when its lock cannot be taken. ActiveMQ's default is to wait forever for
 * the lock ("slave mode"): a second gateway started on the same {@code var/}, or a store directory that cannot
 * be created, would then hang silently instead of exiting with an error.
 */
public class FailFastKahaDBPersistenceAdapter extends KahaDBPersistenceAdapter {

    @Override
    public Locker createDefaultLocker() throws IOException {
        Locker locker = super.createDefaultLocker();
        if (locker instanceof AbstractLocker abstractLocker) {
            abstractLocker.setFailIfLocked(true);
        }
        return locker;
    }
}
