package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeneralizedTimesTest {

    @ParameterizedTest
    @CsvSource({
        "2025-01-01T00:00:00Z, 20250101000000Z",
        "2025-01-01T00:00:00.5Z, 20250101000000.5Z",
        "2025-01-01T00:00:00.000000001Z, 20250101000000.000000001Z",
        "0000-01-01T00:00:00Z, 00000101000000Z",
        "9999-12-31T23:59:59.999999999Z, 99991231235959.999999999Z",
        "1969-12-31T23:59:59.25Z, 19691231235959.25Z",
    })
    void instantsPrintAndParseBack(String instant, String text) {
        assertThat(new String(GeneralizedTimes.format(Instant.parse(instant)), StandardCharsets.US_ASCII)).isEqualTo(text);
        assertThat(GeneralizedTimes.parse(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20250101000000", "20250101000000.Z", "2025010100000Z", "20250101000000.1234567890Z",
        "2025010100000aZ", "20250101000000+0100", "20250101000000,5Z"})
    void malformedTextIsRefused(String text) {
        assertThatThrownBy(() -> GeneralizedTimes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20251301000000Z", "20250230000000Z", "20250101240000Z"})
    void impossibleDatesAreRefused(String text) {
        assertThatThrownBy(() -> GeneralizedTimes.parse(text)).isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"})
    void yearsGeneralizedTimeCannotCarryAreRefused(String instant) {
        assertThatThrownBy(() -> GeneralizedTimes.format(Instant.parse(instant)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the years 0000-9999");
    }
}
