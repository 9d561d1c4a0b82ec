package org.smtpgw.mailets.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StrftimeTest {
    /** Thursday 5 March 2026, 09:07:03 in the afternoon's counterpart: a morning, single-digit fields. */
    private static final ZonedDateTime MORNING = ZonedDateTime.of(2026, 3, 5, 9, 7, 3, 0, ZoneOffset.ofHours(1));
    private static final ZonedDateTime EVENING = ZonedDateTime.of(2026, 11, 28, 21, 45, 59, 0, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} gives {1} and {2}")
    @CsvSource(delimiter = '|', value = {
        "%a | Thu       | Sat",
        "%A | Thursday  | Saturday",
        "%b | Mar       | Nov",
        "%h | Mar       | Nov",
        "%B | March     | November",
        "%d | 05        | 28",
        "%e | ' 5'      | 28",
        "%D | 03/05/26  | 11/28/26",
        "%F | 2026-03-05 | 2026-11-28",
        "%H | 09        | 21",
        "%I | 09        | 09",
        "%j | 064       | 332",
        "%m | 03        | 11",
        "%M | 07        | 45",
        "%p | AM        | PM",
        "%P | am        | pm",
        "%R | 09:07     | 21:45",
        "%S | 03        | 59",
        "%T | 09:07:03  | 21:45:59",
        "%y | 26        | 26",
        "%Y | 2026      | 2026",
        "%z | +0100     | +0000",
        "%% | %         | %",
    })
    void eachSupportedConversionFormatsLikeStrftime(String format, String morning, String evening) {
        assertThat(Strftime.formatter(format).format(MORNING)).isEqualTo(morning);
        assertThat(Strftime.formatter(format).format(EVENING)).isEqualTo(evening);
    }

    @Test
    void zoneNameConversionGivesTheZoneAbbreviation() {
        assertThat(Strftime.formatter("%Z").format(EVENING.withZoneSameInstant(java.time.ZoneId.of("UTC"))))
            .isEqualTo("UTC");
    }

    @Test
    void manualFormatsCombineConversionsAndLiterals() {
        assertThat(Strftime.formatter("%d/%m/%y").format(EVENING)).isEqualTo("28/11/26");
        assertThat(Strftime.formatter("%I:%M:%S %P").format(EVENING)).isEqualTo("09:45:59 pm");
        assertThat(Strftime.formatter("%y/%m/%d").format(MORNING)).isEqualTo("26/03/05");
        assertThat(Strftime.formatter("at %H h").format(MORNING)).isEqualTo("at 09 h");
    }

    @Test
    void unsupportedConversionIsRefusedNamingItAndThePosition() {
        assertThatThrownBy(() -> Strftime.formatter("%d %Q"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("%Q")
            .hasMessageContaining("position 4")
            .hasMessageContaining("supported: %a");
    }

    @Test
    void lonePercentAtTheEndIsRefused() {
        assertThatThrownBy(() -> Strftime.formatter("%H:%M %"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("lone %");
    }
}
