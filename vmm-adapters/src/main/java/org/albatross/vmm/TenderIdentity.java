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
     * The start time of process {@code pid} when it is the tender of the run directory {@code directory}: its monitor
     * (its parent, started with the directory as an argument) or its own command line (a configuration file there)
     * names the directory. That tells it apart from a later process that got the same pid, for a tender whose start
     * time nobody recorded.
     */
    public static Optional<Instant> startOfTenderIn(long pid, Path directory) {
        String named = directory.toAbsolutePath().toString();
        return ProcessHandle.of(pid).filter(process -> names(process, named)
                || process.parent().map(monitor -> names(monitor, named)).orElse(false))
                .flatMap(process -> process.info().startInstant());
    }

    private static boolean names(ProcessHandle process, String directory) {
        return process.info().arguments().map(arguments -> Arrays.stream(arguments)
                .anyMatch(argument -> argument.equals(directory) || argument.startsWith(directory + "/")))
                .orElse(false);
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
