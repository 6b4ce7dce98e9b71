package org.albatross.daemon.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before restarting a unikernel that failed {@code n} times in a row: {@code initial} after the
 * first failure, doubling with each further one, never more than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial restart delay must be positive, not " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "the maximum restart delay " + max + " is shorter than the initial delay " + initial);
        }
    }

    /** The delay before the next restart; zero when nothing failed yet. */
    public Duration delay(int consecutiveFailures) {
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("a failure count cannot be negative: " + consecutiveFailures);
        }
        if (consecutiveFailures == 0) {
            return Duration.ZERO;
        }
        int doublings = consecutiveFailures - 1;
        // initial * 2^doublings exceeds max exactly when initial exceeds max / 2^doublings: no overflow either way.
        if (doublings >= Long.SIZE - 1 || initial.compareTo(max.dividedBy(1L << doublings)) > 0) {
            return max;
        }
        return initial.multipliedBy(1L << doublings);
    }
}
