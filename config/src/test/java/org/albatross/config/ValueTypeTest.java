package org.albatross.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.albatross.config.DaemonConfig.ByteSize;
import org.junit.jupiter.api.Test;

/** The value types read by hand rather than by regular expressions: what they take, and what they refuse. */
class ValueTypeTest {
    private static final ValueType<Duration> DURATION = ValueType.duration(Duration.ofMillis(1), Duration.ofDays(1));
    private static final ValueType<ByteSize> SIZE = ValueType.size(new ByteSize(1), new ByteSize(1L << 40));
    private static final ValueType<Integer> MODE = ValueType.fileMode();

    @Test
    void aQuantityIsDigitsThenOneOfItsUnits() {
        assertThat(DURATION.fromText("500ms")).contains(Duration.ofMillis(500));
        assertThat(DURATION.fromText(" 2m ")).contains(Duration.ofMinutes(2));
        assertThat(SIZE.fromText("16MiB")).contains(new ByteSize(16L << 20));
        for (String refused : new String[] {"10", "s", "10 s", "10S", "-1s", "+1s", "1.5s", "10sec", "10KiB", "",
                "1234567890123456789ms", "١٠s"}) {
            assertThat(DURATION.fromText(refused)).as(refused).isEmpty();
        }
        assertThat(SIZE.fromText("10ms")).isEmpty();
    }

    @Test
    void aQuantityBeyondItsBoundsIsRefusedWithoutOverflow() {
        assertThat(DURATION.fromText("999999999999999999h")).isEmpty();
        assertThat(DURATION.fromText("2d")).isEmpty();
        assertThat(DURATION.fromText("24h")).contains(Duration.ofDays(1));
    }

    @Test
    void aFileModeIsThreeOctalDigitsPerhapsAfterAZero() {
        assertThat(MODE.fromText("0660")).contains(0660);
        assertThat(MODE.fromText("640")).contains(0640);
        assertThat(MODE.fromText(" 0066 ")).contains(066);
        for (String refused : new String[] {"0999", "00660", "66", "1660", "0o660", "", "06a0", "-660"}) {
            assertThat(MODE.fromText(refused)).as(refused).isEmpty();
        }
    }
}
