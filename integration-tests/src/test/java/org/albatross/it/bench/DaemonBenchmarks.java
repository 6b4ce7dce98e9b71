package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;
import org.albatross.vmm.LaunchRefused;

/**
 * The daemon's figures of docs/performance.md, all of the daemon as shipped: the tarball {@code mvn package} made
 * (system property {@code albatross.distribution}), unpacked and run through its launcher, with its JVM options and
 * the class-data archive the launcher writes on a first start and stop. Create to first console line and to exit
 * through the daemon against the raw qemu command; the daemon's resident memory, threads and classes idle and with N
 * unikernels, its CPU with them idle, and where its memory is (Native Memory Tracking and smaps) beside a hello-world
 * JVM with the same options; cold start to ready beside the hello world's. Each figure is printed as it is measured,
 * then all as Markdown tables.
 *
 * <p>Arguments: latency runs, cold-start runs per case, QEMU unikernel counts (comma-separated; "none" skips), qemu
 * binary, stand-in unikernel counts (comma-separated; "none" skips), seconds of CPU measurement with the last
 * stand-in count running (0 skips). 0 runs skip a figure.
 * Run: {@code mvn -B -ntp -pl integration-tests -am verify -DskipTests -Dbench=integration-tests}.
 */
public final class DaemonBenchmarks {
    private static final int TENANT_POLICIES = 100;

    private final InstalledDistribution distribution;
    private final List<String> table = new ArrayList<>();

    private DaemonBenchmarks(InstalledDistribution distribution) {
        this.distribution = distribution;
    }

    public static void main(String[] args) throws Exception {
        int latencyRuns = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int coldStartRuns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Integer> counts = counts(args.length > 2 ? args[2] : "none");
        Path qemu = Path.of(args.length > 3 ? args[3] : "/usr/bin/qemu-system-x86_64");
        List<Integer> standInCounts = counts(args.length > 4 ? args[4] : "1000");
        Duration cpuWindow = Duration.ofSeconds(args.length > 5 ? Integer.parseInt(args[5]) : 60);
        int latencyWarmUp = args.length > 6 ? Integer.parseInt(args[6]) : 20;
        Path tarball = Path.of(System.getProperty("albatross.distribution"));
        Path scratch = Files.createTempDirectory("albatross-bench");
        try {
            InstalledDistribution distribution = InstalledDistribution.unpack(tarball, scratch.resolve("installed"));
            System.out.println("the daemon as shipped: " + tarball + ", JVM options " + distribution.jvmOptions()
                    + ", " + Runtime.version());
            distribution.makeClassArchive(DaemonFiles.createUnder(scratch.resolve("first-start")), "");
            System.out.println("  class-data archive written by the first start and stop: " + distribution
                    .classArchive().map(archive -> archive.getFileName() + ", " + ProcessStatus.mib(size(archive)))
                    .orElse("none"));
            DaemonBenchmarks benchmarks = new DaemonBenchmarks(distribution);
            if (latencyRuns > 0) {
                benchmarks.createToExit(scratch.resolve("latency"), qemu, latencyWarmUp, latencyRuns);
            }
            if (!counts.isEmpty()) {
                benchmarks.footprint(scratch.resolve("qemu"), counts, FootprintBench.Workload.QEMU, Duration.ZERO);
            }
            List<FootprintBench.Composition> compositions = new ArrayList<>();
            HelloWorldJvm helloWorld = HelloWorldJvm.withClassArchive(distribution.jvmOptions(),
                    Files.createDirectories(scratch.resolve("hello-world")));
            compositions.add(benchmarks.helloWorld(helloWorld));
            if (!standInCounts.isEmpty()) {
                Path standIn = Files.createDirectories(scratch.resolve("stand-in"));
                FootprintBench.Workload workload = FootprintBench.Workload.standIn(standIn);
                benchmarks.footprint(standIn.resolve("plain"), standInCounts, workload, cpuWindow);
                compositions.addAll(FootprintBench.composition(distribution,
                        DaemonFiles.createUnder(standIn.resolve("tracked")), standInCounts, workload));
            }
            if (coldStartRuns > 0) {
                benchmarks.coldStart(scratch.resolve("cold"), helloWorld, coldStartRuns);
            }
            System.out.println();
            System.out.println("| figure | value |");
            System.out.println("|---|---|");
            benchmarks.table.forEach(System.out::println);
            System.out.println();
            printComposition(compositions);
        } finally {
            delete(scratch);
        }
    }

    /**
     * @param warmUp creates (and raw runs) before the measured ones: 20 by default, as for {@code LaunchBenchmarks}'
     *     Solo5 figure, once the shipped compile thresholds have compiled much of the create path (which then stays
     *     compiled, however rarely the daemon creates); 1, the first creates after a start, which run it mostly
     *     interpreted
     */
    private void createToExit(Path scratch, Path qemu, int warmUp, int runs)
            throws IOException, InterruptedException, LaunchRefused {
        CreateToExitBench.Result result;
        try (RuntimeTmpfs runtime = RuntimeTmpfs.create()) {
            System.out.printf("create -> first console line / exit event, test kernel lines=1 exit=3, QEMU TCG, "
                    + "%d runs each after %d to warm up, alternating; the daemon's %s%n", runs, warmUp,
                    runtime.where());
            DaemonFiles files = runtime.holding(DaemonFiles.createUnder(scratch));
            try (DaemonProcess daemon = distribution.start(files, "")) {
                result = CreateToExitBench.run(files, Files.createDirectories(scratch.resolve("raw")), qemu, warmUp,
                        runs);
            }
        }
        System.out.println("  raw command: " + String.join(" ", result.rawCommand()));
        row("create -> first console line, through the daemon", result.daemon().firstLine().toString());
        row("first console line, raw qemu", result.raw().firstLine().toString());
        row("create -> exit event, through the daemon", result.daemon().exit().toString());
        row("exit, raw qemu", result.raw().exit().toString());
        row("ratio daemon / raw (medians): first line; exit", "%.2f; %.2f".formatted(
                result.daemon().firstLine().medianMs() / result.raw().firstLine().medianMs(),
                result.daemon().exit().medianMs() / result.raw().exit().medianMs()));
        row("ratio daemon / raw (p90): first line; exit", "%.2f; %.2f".formatted(
                result.daemon().firstLine().p90Ms() / result.raw().firstLine().p90Ms(),
                result.daemon().exit().p90Ms() / result.raw().exit().p90Ms()));
    }

    private static List<Integer> counts(String list) {
        return list.equals("none") ? List.of() : Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    }

    private void footprint(Path scratch, List<Integer> counts, FootprintBench.Workload workload, Duration cpuWindow)
            throws IOException, InterruptedException {
        System.out.println("resident memory, " + workload.name());
        FootprintBench.Result result = FootprintBench.run(distribution, DaemonFiles.createUnder(scratch), counts,
                workload, cpuWindow);
        FootprintBench.Measurement idle = result.measurements().get(0);
        row("daemon RSS, idle after start", "**%s**, %d threads; %s".formatted(ProcessStatus.mib(idle.daemonKib()),
                idle.daemonThreads(), idle.classes()));
        for (FootprintBench.Measurement running : result.measurements().subList(1, result.measurements().size())) {
            row("daemon RSS, " + running.unikernels() + " unikernels running (" + workload.name() + ")",
                    "**%s**, %d threads (%.0f KiB per unikernel over idle); %s; all VMMs: %s; the spawner: %d KiB"
                            .formatted(ProcessStatus.mib(running.daemonKib()), running.daemonThreads(),
                            running.daemonKibPerUnikernel(idle), running.classes(),
                            ProcessStatus.mib(running.vmmsKib()), running.spawnerKib()));
        }
        result.idleCpu().ifPresent(cpu -> row("daemon CPU over " + cpu.window().toSeconds() + " s, "
                + result.measurements().get(result.measurements().size() - 1).unikernels() + " unikernels idle",
                "**%.2f %% of one core** (busiest threads: %s)".formatted(cpu.percentOfOneCore(), cpu.busiest(4))));
    }

    /** The hello world's resident memory and classes as shipped, and its composition with tracking. */
    private FootprintBench.Composition helloWorld(HelloWorldJvm helloWorld) throws IOException,
            InterruptedException {
        Process plain = helloWorld.start();
        try {
            helloWorld.awaitReady(plain);
            FootprintBench.settle(plain.toHandle());
            row("hello-world JVM RSS, same JVM options and a class-data archive of its own", "%s, %d threads; %s"
                    .formatted(ProcessStatus.mib(ProcessStatus.kib(plain.toHandle())),
                            ProcessStatus.threads(plain.toHandle()), ClassCount.of(plain.toHandle())));
        } finally {
            HelloWorldJvm.stop(plain);
        }
        Process tracked = helloWorld.start(FootprintBench.TRACKING);
        try {
            helloWorld.awaitReady(tracked);
            FootprintBench.settle(tracked.toHandle());
            return FootprintBench.Composition.of(-1, tracked.toHandle());
        } finally {
            HelloWorldJvm.stop(tracked);
        }
    }

    private void coldStart(Path scratch, HelloWorldJvm helloWorld, int runs) throws IOException {
        ColdStartBench bench = new ColdStartBench(distribution, helloWorld);
        DaemonFiles restored = bench.withTenantPolicies(scratch.resolve("policies"), TENANT_POLICIES);
        System.out.println("cold start to ready as shipped (launcher, JVM options, class-data archive), " + runs
                + " runs per case, alternating with the hello world");
        ColdStartBench.Timings empty = bench.empty(scratch, runs);
        row("cold start to ready, empty dbdir", "**" + empty.daemon() + "**; hello world: " + empty.helloWorld());
        ColdStartBench.Timings policies = bench.restoring(restored, runs);
        row("cold start to ready, " + TENANT_POLICIES + " tenant policies restored", policies.daemon()
                + "; hello world: " + policies.helloWorld());
    }

    /** One table: a column per JVM measured with tracking, a row per part, in MiB. */
    private static void printComposition(List<FootprintBench.Composition> compositions) {
        System.out.println("Resident memory by part, MiB (runs with -XX:NativeMemoryTracking=detail, which adds its own"
                + " bookkeeping to the C heap):");
        System.out.println();
        System.out.println("| part | " + compositions.stream().map(composition -> composition.unikernels() < 0
                ? "hello world" : composition.unikernels() == 0 ? "daemon, idle"
                : "daemon, " + composition.unikernels() + " unikernels").collect(Collectors.joining(" | ")) + " |");
        System.out.println("|---" + "|---:".repeat(compositions.size()) + "|");
        for (MemoryComposition.Part part : MemoryComposition.Part.values()) {
            System.out.println("| " + part.label + " | " + compositions.stream().map(composition ->
                    "%.1f".formatted(composition.parts().get(part) / 1024.0)).collect(Collectors.joining(" | "))
                    + " |");
        }
        System.out.println("| **VmRSS** | " + compositions.stream().map(composition -> "**%.1f**".formatted(
                composition.rssKib() / 1024.0)).collect(Collectors.joining(" | ")) + " |");
        System.out.println("| of the C heap: NMT's own bookkeeping | " + compositions.stream().map(composition ->
                "%.1f".formatted(composition.mallocByCategory().getOrDefault("Native Memory Tracking", 0L) / 1024.0))
                .collect(Collectors.joining(" | ")) + " |");
        System.out.println();
        for (FootprintBench.Composition composition : compositions) {
            System.out.println("- malloc by NMT category, " + (composition.unikernels() < 0 ? "hello world"
                    : composition.unikernels() + " unikernels") + ": " + composition.mallocByCategory().entrySet()
                    .stream().filter(entry -> entry.getValue() >= 100)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(entry -> entry.getKey() + " " + entry.getValue() + " KiB").collect(Collectors.joining(", ")));
        }
    }

    private void row(String figure, String value) {
        String line = "| " + figure + " | " + value + " |";
        System.out.println("  " + line);
        table.add(line);
    }

    private static long size(Path file) {
        try {
            return Files.size(file) / 1024;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes {@code root} and everything under it. */
    static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
