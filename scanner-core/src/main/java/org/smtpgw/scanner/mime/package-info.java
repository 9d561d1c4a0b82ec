/**
 * MIME decomposition with mime4j's streaming parser.
 *
 * <p>{@link org.smtpgw.scanner.mime.MimeWalker} hands over the leaf parts of one message level, numbered as IMAP
 * numbers them, with the transfer encoding undone ({@link org.smtpgw.scanner.mime.TransferDecoder}: base64,
 * quoted-printable, uuencode) and the file name decoded ({@link org.smtpgw.scanner.mime.PartNames}: RFC 2231 and
 * RFC 2047). Attached messages are walked again by the caller, so their parts continue the numbering
 * ({@code 2.1}). {@link org.smtpgw.scanner.mime.UuDecoder} finds uuencoded blocks in texts and
 * {@link org.smtpgw.scanner.mime.MboxSplitter} splits mailbox files; both are small hand-written readers because
 * neither mime4j nor commons-compress has one.
 *
 * <p>Malformed input never throws out of this package: a corrupt encoding is reported with the part, an
 * unparsable structure through {@link org.smtpgw.scanner.mime.MimeWalker.PartVisitor#broken}. Only a failure of
 * the caller's own stream comes out, as {@link org.smtpgw.scanner.mime.SourceReadException}.
 */
package org.smtpgw.scanner.mime;
