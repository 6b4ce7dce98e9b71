package org.albatross.daemon.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1));

    @Test
    void nothingFailedMeansNoDelay() {
        assertThat(backoff.delay(0)).isZero();
    }

    @Test
    void theDelayDoublesFromTheInitialOne() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void theDelayIsCappedAndNeverOverflows() {
        assertThat(backoff.delay(8)).isEqualTo(Duration.ofMinutes(1));
        for (int failures : new int[] {9, 62, 63, 64, 65, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(failures)).as("%d failures", failures).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void aHugeMaximumStillGivesExactPowersOfTwo() {
        Backoff huge = new Backoff(Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE));

        assertThat(huge.delay(63)).isEqualTo(Duration.ofNanos(1L << 62));
        assertThat(huge.delay(64)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(huge.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    }

    @Test
    void nonsensicalSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter than the initial delay");
        assertThatThrownBy(() -> backoff.delay(-1)).hasMessageContaining("cannot be negative");
    }
}
