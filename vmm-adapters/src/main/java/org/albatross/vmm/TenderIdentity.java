package org.albatross.vmm;

import java.time.Instant;
import java.util.Optional;

/**
 * A process told apart from a later one that got the same pid: by its pid and its start time (from
 * {@code /proc/PID/stat} on Linux, through {@link ProcessHandle}).
 */
public final class TenderIdentity {
    private TenderIdentity() {
    }

    /** The start time of process {@code pid}, when it runs. */
    public static Optional<Instant> startOf(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
    }

    /** Whether process {@code pid} runs and is the one that started at {@code started}. */
    public static boolean isRunning(long pid, Instant started) {
        return handle(pid, started).isPresent();
    }

    static Optional<ProcessHandle> handle(long pid, Instant started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(started::equals).orElse(false));
    }
}
