package org.smtpgw.conf.model;

/** {@code [locale]}: strftime formats. */
public record LocaleSettings(String dateFormat, String timeFormat) {
}
