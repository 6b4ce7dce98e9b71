package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident set (VmRSS of /proc/PID/status), in KiB; 0 for a process that has already ended. */
final class ResidentMemory {
    private ResidentMemory() {
    }

    static long kib(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
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
