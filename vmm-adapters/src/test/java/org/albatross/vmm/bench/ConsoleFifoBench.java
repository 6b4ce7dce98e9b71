package org.albatross.vmm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.albatross.vmm.ExitEncoding;
import org.albatross.vmm.LaunchPlan;
import org.albatross.vmm.RunDirectory;
import org.albatross.vmm.RunRoot;
import org.albatross.vmm.MonitorWatch;
import org.albatross.vmm.ProcessLauncher;
import org.albatross.vmm.TenderProcess;

/**
 * Console ingest through the FIFO and the console reader's one thread ({@link MonitorWatch}): T tenders at once
 * ({@code yes LINE | head -n N}, 64-byte lines) write N lines each; from start to the last {@code exit()} (every
 * line delivered) gives lines per second over all of them. Each case runs once as warm-up, then R times.
 * Run: {@code mvn -B -ntp -pl vmm-adapters -am verify -DskipTests -Dbench=vmm-adapters}.
 */
public final class ConsoleFifoBench {
    private static final String LINE = "x".repeat(63);

    private ConsoleFifoBench() {
    }

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path scratch = Files.createTempDirectory("console-fifo-bench");
        try (MonitorWatch watch = MonitorWatch.start()) {
            for (int tenders : new int[] {1, 10}) {
                long each = lines / tenders;
                ingest(scratch, watch, tenders, each);
                List<Double> rates = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    rates.add(ingest(scratch, watch, tenders, each));
                }
                System.out.printf("console FIFO ingest, %d tender(s) x %d lines of 64 bytes: %s lines/s (%d runs)%n",
                        tenders, each, rates.stream().map(rate -> "%.0f".formatted(rate)).toList(), runs);
            }
        } finally {
            try (Stream<Path> all = Files.walk(scratch)) {
                all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double ingest(Path scratch, MonitorWatch watch, int tenders, long each) throws Exception {
        AtomicLong delivered = new AtomicLong();
        LaunchPlan plan = new LaunchPlan(List.of("sh", "-c", "yes " + LINE + " | head -n " + each), Map.of(),
                List.of(), List.of(), Set.of(), Optional.empty(), List.of(), List.of(), ExitEncoding.DIRECT);
        List<TenderProcess> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < tenders; i++) {
            RunDirectory files = RunRoot.open(scratch).directory("tender" + i);
            files.prepare(ProcessLauncher.SYSTEM);
            running.add(TenderProcess.start(plan, files, "bench", line -> delivered.incrementAndGet(),
                    ProcessLauncher.SYSTEM, Duration.ofSeconds(5), watch));
        }
        for (TenderProcess tender : running) {
            tender.exit().get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (delivered.get() != tenders * each) {
            throw new IllegalStateException("delivered " + delivered.get() + " of " + tenders * each + " lines");
        }
        return delivered.get() / seconds;
    }
}
