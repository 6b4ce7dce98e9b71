package org.albatross.protocol.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The fuzzing requirement "no hang over 100 ms per input" (docs/fuzzing.md). libFuzzer's {@code -timeout} counts
 * whole seconds, so every fuzz test runs its input through {@link #check}. It counts the CPU time of the fuzzing
 * thread, not the wall clock, so that a machine shared with other builds cannot fail it; work an input hands to
 * other threads is bounded by the test's own deadline and by libFuzzer's {@code -timeout} (10 s, wall clock). It
 * applies only while fuzzing ({@code JAZZER_FUZZ} set): replaying the seeds in a unit-test run is not timed.
 */
public final class InputTimeLimit {
    public static final Duration LIMIT = Duration.ofMillis(100);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean FUZZING =
            isSet(System.getenv("JAZZER_FUZZ")) || isSet(System.getProperty("JAZZER_FUZZ"));

    private InputTimeLimit() {
    }

    /** An input's run; it may throw what the test asserts on. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    /**
     * Runs the input, and once more when it took longer than {@link #LIMIT}: the first run may have paid for class
     * loading or for code not yet compiled; an input slow twice in a row is slow in itself, and fails.
     */
    public static void check(Run input) throws Exception {
        if (!FUZZING) {
            input.run();
            return;
        }
        Duration first = timed(input);
        if (first.compareTo(LIMIT) <= 0) {
            return;
        }
        Duration second = timed(input);
        if (second.compareTo(LIMIT) > 0) {
            throw new AssertionError("an input took " + first.toMillis() + " ms of CPU time and, run again, "
                    + second.toMillis() + " ms; the limit is " + LIMIT.toMillis() + " ms per input");
        }
    }

    private static Duration timed(Run input) throws Exception {
        long started = THREADS.getCurrentThreadCpuTime();
        input.run();
        return Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - started);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}
