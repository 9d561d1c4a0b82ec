/**
 * The results of scanning a message and the limits that bound the work.
 *
 * <p>{@link org.smtpgw.scanner.model.MessageVerdict} lists every
 * {@link org.smtpgw.scanner.model.ScannedObject} of a message; each object is located by an
 * {@link org.smtpgw.scanner.model.ObjectPath}: the IMAP number of the MIME part carrying it, then one segment per
 * level of unpacking (archive entry names, {@code message-N} for mailbox messages), written
 * {@code 2/report.zip/a.exe}. {@link org.smtpgw.scanner.model.ScanLimits} bounds nesting, entries, unpacked
 * bytes, compression ratio and object size; exceeding one turns an object into {@code error}, never into an
 * exception.
 */
package org.smtpgw.scanner.model;
