package org.albatross.daemon.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * At most {@code restarts} restarts of one unikernel in any sliding {@code window}, so that a boot loop cannot spin
 * the host. Not thread-safe: it belongs to the daemon's state executor like the rest of the unikernel table.
 */
public final class RestartBudget {
    private final int restarts;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> granted = new ArrayDeque<>();

    public RestartBudget(int restarts, Duration window, Clock clock) {
        if (restarts < 0) {
            throw new IllegalArgumentException("a restart budget cannot be negative: " + restarts);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the restart budget's window must be positive, not " + window);
        }
        this.restarts = restarts;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes one restart from the budget if any is left in the current window. */
    public boolean tryAcquire() {
        Instant now = clock.instant();
        forgetBefore(now);
        if (granted.size() >= restarts) {
            return false;
        }
        granted.addLast(now);
        return true;
    }

    /** How many restarts the budget still allows now. */
    public int remaining() {
        forgetBefore(clock.instant());
        return restarts - granted.size();
    }

    public int restarts() {
        return restarts;
    }

    public Duration window() {
        return window;
    }

    private void forgetBefore(Instant now) {
        Instant windowStart = now.minus(window);
        while (!granted.isEmpty() && !granted.peekFirst().isAfter(windowStart)) {
            granted.removeFirst();
        }
    }
}
