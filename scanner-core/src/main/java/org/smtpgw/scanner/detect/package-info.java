/**
 * Type recognition from content: {@link org.smtpgw.scanner.detect.MagicTypeDetector} tells executables, archives,
 * documents, images, HTML, messages, mailboxes and plain text apart by their first bytes, so filters and unpackers
 * do not trust the declared type alone.
 */
package org.smtpgw.scanner.detect;
