package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time a process spends over a window, per thread: {@code /proc/PID/task/TID/schedstat} (nanoseconds on a
 * CPU) and the thread's name ({@code comm}), read at both ends of the window.
 *
 * @param byThread CPU nanoseconds over the window, by thread name (threads of one name added up)
 */
record CpuUse(Duration window, Map<String, Long> byThread) {
    /** What runs between the two readings. */
    @FunctionalInterface
    interface Work<E extends Exception> {
        void run() throws E;
    }

    /** Sleeps for {@code window} between the two readings. */
    static CpuUse over(ProcessHandle process, Duration window) throws IOException, InterruptedException {
        return during(process, () -> Thread.sleep(window.toMillis()));
    }

    /** Runs {@code work} between the two readings. */
    static <E extends Exception> CpuUse during(ProcessHandle process, Work<E> work) throws IOException, E {
        Map<String, Long> before = threads(process);
        long start = System.nanoTime();
        work.run();
        Map<String, Long> after = threads(process);
        Duration measured = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Long> spent = new HashMap<>();
        after.forEach((thread, nanos) -> spent.merge(name(thread), nanos - before.getOrDefault(thread, 0L),
                Long::sum));
        return new CpuUse(measured, spent);
    }

    /** Of one core, in percent. */
    double percentOfOneCore() {
        return 100.0 * byThread.values().stream().mapToLong(Long::longValue).sum() / window.toNanos();
    }

    /** The threads that spent the most, with their share of one core. */
    String busiest(int threads) {
        return byThread.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(threads).map(entry -> "%s %.2f %%".formatted(entry.getKey(),
                        100.0 * entry.getValue() / window.toNanos())).collect(Collectors.joining(", "));
    }

    /** The CPU of each of {@code events} (milliseconds), all threads', then that of the busiest threads. */
    String perEvent(int events, int threads) {
        double total = byThread.values().stream().mapToLong(Long::longValue).sum() / 1e6 / events;
        return "%.2f ms; %s".formatted(total, byThread.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(threads)
                .map(entry -> "%s %.2f ms".formatted(entry.getKey(), entry.getValue() / 1e6 / events))
                .collect(Collectors.joining(", ")));
    }

    /** CPU nanoseconds by "TID name". */
    private static Map<String, Long> threads(ProcessHandle process) throws IOException {
        Map<String, Long> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    threads.put(task.getFileName() + " " + Files.readString(task.resolve("comm")).strip(), nanos);
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return threads;
    }

    private static String name(String thread) {
        return thread.substring(thread.indexOf(' ') + 1);
    }
}
