package org.albatross.daemon.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RestartBudgetTest {
    private final AdvancingClock clock = new AdvancingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RestartBudget budget = new RestartBudget(3, Duration.ofMinutes(1), clock);

    @Test
    void grantsAsManyRestartsAsTheBudgetHoldsWithinOneWindow() {
        assertThat(budget.remaining()).isEqualTo(3);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();

        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.remaining()).isZero();
    }

    @Test
    void aRestartReturnsToTheBudgetOneWindowAfterItWasGranted() {
        budget.tryAcquire();
        clock.advance(Duration.ofSeconds(20));
        budget.tryAcquire();
        budget.tryAcquire();
        assertThat(budget.tryAcquire()).isFalse();

        clock.advance(Duration.ofSeconds(39));
        assertThat(budget.remaining()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.remaining()).isEqualTo(1);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        clock.advance(Duration.ofSeconds(20));
        assertThat(budget.remaining()).isEqualTo(2);
    }

    @Test
    void aRefusedAttemptDoesNotUseTheBudget() {
        RestartBudget one = new RestartBudget(1, Duration.ofSeconds(10), clock);
        one.tryAcquire();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(one.tryAcquire()).isFalse();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(one.tryAcquire()).isTrue();
    }

    @Test
    void aZeroBudgetNeverRestarts() {
        assertThat(new RestartBudget(0, Duration.ofSeconds(1), clock).tryAcquire()).isFalse();
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        assertThatThrownBy(() -> new RestartBudget(-1, Duration.ofSeconds(1), clock))
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> new RestartBudget(1, Duration.ZERO, clock)).hasMessageContaining("must be positive");
    }

    /** A clock that moves only when the test says so. */
    static final class AdvancingClock extends Clock {
        private Instant now;

        AdvancingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock stays in UTC");
        }
    }
}
