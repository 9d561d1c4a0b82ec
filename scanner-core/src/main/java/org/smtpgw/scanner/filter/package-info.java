/**
 * The name and MIME type filters of a group: {@link org.smtpgw.scanner.filter.ObjectFilter} built from
 * {@link org.smtpgw.scanner.filter.MaskFilter}s of {@link org.smtpgw.scanner.filter.WildcardMask}s
 * ({@code *} and {@code ?}, case-insensitive). A filter is active only when include masks are configured; the
 * MIME filter looks at the declared and at the detected type.
 */
package org.smtpgw.scanner.filter;
