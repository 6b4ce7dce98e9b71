package org.albatross.vmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The start time of process {@code pid} when it is the tender of the run directory {@code directory}: its
     * standard output is that directory's console FIFO (which the monitor opened for it). That tells it apart from a
     * later process that got the same pid, for a tender whose start time nobody recorded.
     */
    public static Optional<Instant> startOfTenderIn(long pid, Path directory) {
        Path console = directory.toAbsolutePath().resolve("console");
        return ProcessHandle.of(pid).filter(process -> writesTo(pid, console))
                .flatMap(process -> process.info().startInstant());
    }

    /** Whether process {@code pid}'s standard output is {@code file} (Linux's /proc/PID/fd/1). */
    static boolean writesTo(long pid, Path file) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "1")).equals(file);
        } catch (IOException | UnsupportedOperationException gone) {
            return false;
        }
    }

    /** Whether process {@code pid} runs and is the one that started at {@code started}. */
    public static boolean isRunning(long pid, Instant started) {
        return handle(pid, started).isPresent();
    }

    /** The process {@code pid} if it runs and is the one that started at {@code started}. */
    public static Optional<ProcessHandle> handle(long pid, Instant started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(started::equals).orElse(false));
    }
}
