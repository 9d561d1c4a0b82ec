/**
 * Unpacking of archives and compressed files through commons-compress: zip, tar, 7z, gzip, bzip2 and xz
 * ({@link org.smtpgw.scanner.archive.ArchiveUnpacker}), entry by entry
 * ({@link org.smtpgw.scanner.archive.EntryReader}), in bounded memory.
 *
 * <p>Every byte produced is counted against the {@link org.smtpgw.scanner.model.ScanLimits}: entry size, the
 * container's compression ratio, the message's total ({@link org.smtpgw.scanner.archive.UnpackBudget}) and the
 * number of entries. Buffers grow with the bytes that actually arrive, never from sizes the archive declares.
 * Encrypted entries come back {@code protected}; corrupt containers and exceeded limits end in an
 * {@link org.smtpgw.scanner.archive.UnpackException} whose message becomes the container's reason.
 */
package org.smtpgw.scanner.archive;
