package org.smtpgw.scanner.archive;

import java.util.Optional;

/**
 * Reads the entries of one container, one at a time, so that each can be scanned (and dropped) before the next is
 * unpacked. Not thread-safe.
 */
public interface EntryReader {

    /**
     * The next file entry (directories and links are skipped); empty at the end.
     *
     * @throws UnpackException when the container is corrupt, protected as a whole, or over a limit: stop reading
     */
    Optional<UnpackedEntry> next() throws UnpackException;
}
