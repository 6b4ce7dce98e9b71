package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;
import org.albatross.vmm.LaunchRefused;

/**
 * The daemon's figures of docs/performance.md: create to first console line and to exit through the daemon against
 * the raw qemu command, the daemon's resident memory idle and with N unikernels, and cold start to ready, each
 * printed as it is measured and then as one Markdown table. Arguments: latency runs, cold-start runs per case,
 * unikernel counts (comma-separated; "none" skips), qemu binary, stand-in unikernel counts for the launcher's JVM
 * flags (comma-separated; "none" skips). 0 runs skip a figure.
 * Run: {@code mvn -B -ntp -pl integration-tests -am verify -DskipTests -Dbench=integration-tests}.
 */
public final class DaemonBenchmarks {
    private static final int TENANT_POLICIES = 100;

    private final List<String> table = new ArrayList<>();
    private final Set<JvmFlags> flagSets = new LinkedHashSet<>();

    private DaemonBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int latencyRuns = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int coldStartRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Integer> counts = counts(args.length > 2 ? args[2] : "100,200");
        Path qemu = Path.of(args.length > 3 ? args[3] : "/usr/bin/qemu-system-x86_64");
        List<Integer> standInCounts = counts(args.length > 4 ? args[4] : "100,1000");
        Path scratch = Files.createTempDirectory("albatross-bench");
        try {
            DaemonBenchmarks benchmarks = new DaemonBenchmarks();
            if (latencyRuns > 0) {
                benchmarks.createToExit(scratch.resolve("latency"), qemu, latencyRuns);
            }
            if (!counts.isEmpty()) {
                benchmarks.footprint(scratch.resolve("footprint"), counts, FootprintBench.Workload.QEMU,
                        List.of(JvmFlags.DEFAULTS, JvmFlags.SMALL_FOOTPRINT));
            }
            if (!standInCounts.isEmpty()) {
                Path standIn = Files.createDirectories(scratch.resolve("stand-in"));
                benchmarks.footprint(standIn, standInCounts, FootprintBench.Workload.standIn(standIn),
                        List.of(JvmFlags.SMALL_HEAP));
            }
            if (coldStartRuns > 0) {
                benchmarks.coldStart(scratch.resolve("cold"), coldStartRuns);
            }
            System.out.println();
            System.out.println("| figure | JVM flags | value |");
            System.out.println("|---|---|---|");
            benchmarks.table.forEach(System.out::println);
            System.out.println();
            benchmarks.flagSets.forEach(flags -> System.out.println("- " + flags));
        } finally {
            delete(scratch);
        }
    }

    private void createToExit(Path scratch, Path qemu, int runs)
            throws IOException, InterruptedException, LaunchRefused {
        System.out.printf("create -> first console line / exit event, test kernel lines=1 exit=3, QEMU TCG, "
                + "%d runs each, alternating; daemon JVM: %s%n", runs, JvmFlags.DEFAULTS);
        flagSets.add(JvmFlags.DEFAULTS);
        DaemonFiles files = DaemonFiles.createUnder(scratch);
        CreateToExitBench.Result result;
        try (DaemonProcess daemon = DaemonProcess.start(files, JvmFlags.DEFAULTS.options(),
                JvmFlags.DAEMON_CLASS_PATH)) {
            result = CreateToExitBench.run(files, Files.createDirectories(scratch.resolve("raw")), qemu, runs);
        }
        System.out.println("  raw command: " + String.join(" ", result.rawCommand()));
        String flags = JvmFlags.DEFAULTS.name();
        row("create -> first console line, through the daemon", flags, result.daemon().firstLine().toString());
        row("first console line, raw qemu", "-", result.raw().firstLine().toString());
        row("create -> exit event, through the daemon", flags, result.daemon().exit().toString());
        row("exit, raw qemu", "-", result.raw().exit().toString());
        row("ratio daemon / raw (medians): first line; exit", flags, "%.2f; %.2f".formatted(
                result.daemon().firstLine().medianMs() / result.raw().firstLine().medianMs(),
                result.daemon().exit().medianMs() / result.raw().exit().medianMs()));
        row("ratio daemon / raw (p90): first line; exit", flags, "%.2f; %.2f".formatted(
                result.daemon().firstLine().p90Ms() / result.raw().firstLine().p90Ms(),
                result.daemon().exit().p90Ms() / result.raw().exit().p90Ms()));
    }

    private static List<Integer> counts(String list) {
        return list.equals("none") ? List.of() : Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    }

    private void footprint(Path scratch, List<Integer> counts, FootprintBench.Workload workload,
            List<JvmFlags> variants) throws IOException, InterruptedException {
        for (JvmFlags flags : variants) {
            System.out.println("resident memory, " + workload.name() + "; daemon JVM: " + flags);
            flagSets.add(flags);
            List<FootprintBench.Measurement> measured = FootprintBench.run(
                    DaemonFiles.createUnder(scratch.resolve(flags.name().replace(' ', '-'))), flags, counts,
                    workload);
            FootprintBench.Measurement idle = measured.get(0);
            row("daemon RSS, idle after start", flags.name(), "%s, %d threads".formatted(
                    ProcessStatus.mib(idle.daemonKib()), idle.daemonThreads()));
            for (FootprintBench.Measurement running : measured.subList(1, measured.size())) {
                row("daemon RSS, " + running.unikernels() + " unikernels running (" + workload.name() + ")",
                        flags.name(), ("%s, %d threads (%.0f KiB per unikernel over idle); all VMMs: %s; all monitors:"
                        + " %s, one monitor: RSS %d KiB, PSS %d KiB").formatted(
                                ProcessStatus.mib(running.daemonKib()), running.daemonThreads(),
                                running.daemonKibPerUnikernel(idle), ProcessStatus.mib(running.vmmsKib()),
                                ProcessStatus.mib(running.monitorsKib()), running.oneMonitorKib(),
                                running.oneMonitorPssKib()));
            }
        }
    }

    private void coldStart(Path scratch, int runs) throws IOException {
        DaemonFiles restored = ColdStartBench.withTenantPolicies(scratch.resolve("policies"), TENANT_POLICIES);
        Path archive = scratch.resolve("albatrossd.jsa");
        ColdStartBench.dumpClassArchive(scratch, JvmFlags.SMALL_FOOTPRINT, archive);
        List<JvmFlags> variants = new ArrayList<>(List.of(JvmFlags.DEFAULTS,
                new JvmFlags("JVM defaults, no CDS", List.of("-Xshare:off")), JvmFlags.TEST_HARNESS,
                JvmFlags.SMALL_FOOTPRINT));
        if (Files.exists(archive)) {
            variants.add(JvmFlags.SMALL_FOOTPRINT.withClassArchive(archive));
        } else {
            System.out.println("  no CDS archive was written at " + archive + ": see " + scratch.resolve("cds-dump"));
        }
        for (JvmFlags flags : variants) {
            System.out.println("cold start to ready, " + runs + " runs per case; daemon JVM: " + flags);
            flagSets.add(flags);
            row("cold start to ready, empty dbdir", flags.name(),
                    ColdStartBench.empty(scratch.resolve(flags.name().replace(' ', '-')), flags, runs).toString());
            row("cold start to ready, " + TENANT_POLICIES + " tenant policies restored", flags.name(),
                    ColdStartBench.restoring(restored, flags, runs).toString());
        }
    }

    private void row(String figure, String flags, String value) {
        String line = "| " + figure + " | " + flags + " | " + value + " |";
        System.out.println("  " + line);
        table.add(line);
    }

    /** Deletes {@code root} and everything under it. */
    static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
