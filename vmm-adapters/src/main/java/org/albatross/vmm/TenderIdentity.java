package org.albatross.vmm;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
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

    /**
     * The start time of process {@code pid} when it runs from {@code directory}: one of its arguments names a file
     * there (a tender's image or configuration in its run directory), which tells it apart from a later process that
     * got the same pid, for a tender whose start time nobody recorded.
     */
    public static Optional<Instant> startOfRunningFrom(long pid, Path directory) {
        String prefix = directory.toAbsolutePath() + "/";
        return ProcessHandle.of(pid).filter(process -> process.info().arguments()
                .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.startsWith(prefix)))
                .orElse(false)).flatMap(process -> process.info().startInstant());
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
