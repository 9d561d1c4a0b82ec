/**
 * The clamd engine: a {@link org.smtpgw.scanner.engine.ScanEngine} that asks a ClamAV daemon over its documented
 * protocol (clamd(8)) instead of linking libclamav.
 *
 * <ul>
 *   <li>{@link org.smtpgw.scanner.clamd.ClamdConfig}: immutable settings (address, timeouts, limits) with a builder.</li>
 *   <li>{@link org.smtpgw.scanner.clamd.ClamdClient}: zPING, zVERSION, zINSTREAM, one connection per command,
 *       at most {@code maxConnections} at once.</li>
 *   <li>{@link org.smtpgw.scanner.clamd.ClamdReply}: the strict parser of scan replies.</li>
 *   <li>{@link org.smtpgw.scanner.clamd.ClamdEngine}: replies to object statuses; no reply to
 *       {@link org.smtpgw.scanner.engine.EngineUnavailableException}.</li>
 * </ul>
 */
package org.smtpgw.scanner.clamd;
