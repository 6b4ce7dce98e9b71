package org.albatross.it.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Fields of a process's /proc/PID/status: its resident set (VmRSS) in KiB and its thread count; 0 for a process
 * that has already ended.
 */
final class ProcessStatus {
    /**
     * How long a daemon's RSS must hold still to count as settled: longer than its {@code HeapReturn} takes to give
     * back the heap a burst grew (two looks 5 s apart, the heap unchanged between them), and than the JVM's trim of
     * the C heap, every 10 s.
     */
    private static final Duration SETTLED = Duration.ofSeconds(12);

    private ProcessStatus() {
    }

    /**
     * The process's VmRSS once it has held within 256 KiB for {@link #SETTLED} (or the last reading after a minute),
     * so that what is read is what the daemon keeps, not the frames that carried images or the C heap the JVM frees.
     */
    static long settledKib(ProcessHandle process) {
        Deque<Long> readings = new ArrayDeque<>();
        int window = (int) (SETTLED.toMillis() / 500) + 1;
        try {
            await("the RSS of " + process.pid() + " settles").atMost(Duration.ofMinutes(1))
                    .pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        readings.addLast(kib(process));
                        if (readings.size() > window) {
                            readings.removeFirst();
                        }
                        return readings.size() == window && Collections.max(readings) - Collections.min(readings)
                                < 256;
                    });
        } catch (ConditionTimeoutException stillMoving) {
            // a figure still, the last reading
        }
        return readings.getLast();
    }

    static long kib(ProcessHandle process) {
        return statusField(process, "VmRSS:");
    }

    /** VmRSS by kind: anonymous memory (heap, C heap, stacks), file mappings, shared memory. */
    static String rssParts(ProcessHandle process) {
        return "anonymous %s, files %s, shared %s".formatted(mib(statusField(process, "RssAnon:")),
                mib(statusField(process, "RssFile:")), mib(statusField(process, "RssShmem:")));
    }

    static long threads(ProcessHandle process) {
        return statusField(process, "Threads:");
    }

    private static long statusField(ProcessHandle process, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith(field))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0);
        } catch (IOException ended) {
            return 0;
        }
    }

    static String mib(long kib) {
        return "%.1f MiB".formatted(kib / 1024.0);
    }
}
