package org.albatross.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link Instant#toString} writes is read as {@link Instant#parse} reads it, the simple forms directly. */
class InstantTextTest {
    /** The timestamps read directly are read as Instant.parse reads them; the others are left to it. */
    @Test
    void aTimestampIsReadAsInstantParseReadsIt() {
        Random random = new Random(1025);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.000001Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("2024-02-29T12:00:00.100Z"), Instant.parse("-0001-06-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX));
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }
        for (Instant instant : instants) {
            byte[] text = instant.toString().getBytes(UTF_8);
            assertThat(InstantText.parse(text, 0, text.length)).as(instant.toString()).isEqualTo(instant);
            assertThat(InstantText.parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
        for (String other : List.of("2026-12-06T23:59:60Z", "2026-12-06T24:00:00Z", "2026-12-06T03:00:00.5Z")) {
            byte[] text = other.getBytes(UTF_8);
            assertThat(InstantText.parse(text, 0, text.length)).as(other).isEqualTo(Instant.parse(other));
            assertThat(InstantText.parse(other)).as(other).isEqualTo(Instant.parse(other));
        }
    }

    @Test
    void whatIsNotAnInstantIsRefused() {
        for (String text : List.of("2026-02-30T03:00:00Z", "2026-13-01T03:00:00Z", "2026-12-06T03:60:00Z",
                "2026-12-06T0x:00:00Z", "yesterday", "", "2026-12-06T03:00:00\u00e9Z")) {
            assertThatThrownBy(() -> InstantText.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
