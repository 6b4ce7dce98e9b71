package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fields of a process's /proc/PID/status: its resident set (VmRSS) in KiB and its thread count; 0 for a process
 * that has already ended.
 */
final class ProcessStatus {
    private ProcessStatus() {
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
