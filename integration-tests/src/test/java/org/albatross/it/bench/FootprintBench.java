package org.albatross.it.bench;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;
import org.albatross.it.TestUnikernel;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;

/**
 * The shipped daemon's resident memory, threads and loaded classes idle after start and with N unikernels running,
 * the resident memory of their spawner and VMMs beside it, and its CPU use while they idle; and, in a run with
 * Native Memory Tracking, what that memory is ({@link MemoryComposition}). A unikernel is the test kernel
 * ({@code lines=1 forever}: it prints, then halts using no CPU) under QEMU, or, to reach 1,000 on a machine that
 * cannot hold 1,000 QEMUs, a stand-in "QEMU" that prints one line and sleeps ({@link Workload#standIn}), run through
 * the real spawner.
 */
final class FootprintBench {
    /** Native Memory Tracking with its map of reserved ranges, for {@link MemoryComposition}. */
    static final String TRACKING = "-XX:NativeMemoryTracking=detail";

    /** What each unikernel runs as: its config, and the daemon arguments that make it so. */
    record Workload(String name, UnikernelConfig kernel, List<String> daemonArguments) {
        static final Workload QEMU = new Workload("test kernels lines=1 forever under QEMU",
                TestUnikernel.withArguments("lines=1", "forever").config(), List.of());

        /** A stand-in for qemu-system-x86_64 in {@code directory}: prints a line, then sleeps (sh, exec sleep). */
        static Workload standIn(Path directory) throws IOException {
            Path fake = Files.writeString(directory.resolve("stand-in-qemu"),
                    "#!/bin/sh\necho 'albatross test kernel (stand-in)'\nexec sleep 2147483647\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
            // 16 MB each, so that 1,000 fit the root policy's memory on a 24 GB machine; the stand-in uses none of it.
            return new Workload("stand-in VMMs (sh printing a line, then exec sleep)",
                    new TestUnikernel(List.of("lines=1", "forever"), new FailBehaviour.Quit(), 16, Set.of(), Set.of(),
                            Set.of()).config(), List.of("--set", "adapters.qemu.binary=" + fake));
        }
    }

    /**
     * The daemon with {@code unikernels} running (0: idle after start): its VmRSS, threads and classes; all VMMs' VmRSS,
     * and the spawner's (the tenders' parent, one for all).
     */
    record Measurement(int unikernels, long daemonKib, long daemonThreads, ClassCount classes, long vmmsKib,
            long spawnerKib) {
        double daemonKibPerUnikernel(Measurement idle) {
            return (daemonKib - idle.daemonKib) / (double) (unikernels - idle.unikernels);
        }
    }

    /** The measurements at each count, and the CPU the daemon spent with the last count running, idle. */
    record Result(List<Measurement> measurements, Optional<CpuUse> idleCpu) {
    }

    /** Where the memory of a JVM with {@code unikernels} running is, in a run with Native Memory Tracking. */
    record Composition(int unikernels, long rssKib, Map<MemoryComposition.Part, Long> parts,
            Map<String, Long> mallocByCategory) {
        /**
         * Reads the memory before asking anything of the JVM: jcmd's attach thread and the NMT report itself (some
         * MiB of the C heap for the detail report) would be counted otherwise.
         */
        static Composition of(int unikernels, ProcessHandle jvm) throws IOException, InterruptedException {
            long rss = ProcessStatus.kib(jvm);
            String smaps = Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "smaps"));
            Map<String, Long> malloc = MemoryComposition.mallocByCategory(Jcmd.run(jvm, "VM.native_memory",
                    "summary"));
            return new Composition(unikernels, rss, MemoryComposition.of(smaps,
                    MemoryComposition.reservations(Jcmd.run(jvm, "VM.native_memory", "detail"))), malloc);
        }
    }

    private FootprintBench() {
    }

    /**
     * Starts the shipped daemon, measures it idle and at each count of unikernels, measures its CPU over
     * {@code cpuWindow} (zero: not) with the last count running, then stops it.
     */
    static Result run(InstalledDistribution distribution, DaemonFiles files, List<Integer> counts, Workload workload,
            Duration cpuWindow) throws IOException, InterruptedException {
        List<Measurement> measured = new ArrayList<>();
        Optional<CpuUse> cpu = Optional.empty();
        try (DaemonProcess daemon = distribution.start(files, "", workload.daemonArguments()
                .toArray(String[]::new))) {
            settle(daemon);
            measured.add(printed(measure(daemon, 0)));
            int running = 0;
            for (int count : counts) {
                running = createUpTo(files, workload, running, count);
                settle(daemon);
                measured.add(printed(measure(daemon, running)));
            }
            if (!cpuWindow.isZero()) {
                cpu = Optional.of(CpuUse.over(daemon.handle(), cpuWindow));
                System.out.println("  CPU: " + cpu.get().percentOfOneCore() + " % of one core");
            }
            stop(daemon);
        }
        return new Result(measured, cpu);
    }

    /**
     * The shipped daemon with Native Memory Tracking (and the class-data archive the launcher writes for that option
     * set, made first): its composition idle and at each count of unikernels.
     */
    static List<Composition> composition(InstalledDistribution distribution, DaemonFiles files, List<Integer> counts,
            Workload workload) throws IOException, InterruptedException {
        distribution.makeClassArchive(files, TRACKING);
        List<Composition> compositions = new ArrayList<>();
        try (DaemonProcess daemon = distribution.start(files, TRACKING, workload.daemonArguments()
                .toArray(String[]::new))) {
            settle(daemon);
            compositions.add(Composition.of(0, daemon.handle()));
            int running = 0;
            for (int count : counts) {
                running = createUpTo(files, workload, running, count);
                settle(daemon);
                compositions.add(Composition.of(running, daemon.handle()));
            }
            stop(daemon);
        }
        return compositions;
    }

    /**
     * SIGTERM: the daemon stops its unikernels itself (shutdown = "stop"), which is much faster than the harness
     * finding and killing a thousand of them one by one.
     */
    private static void stop(DaemonProcess daemon) {
        int exit = daemon.terminate();
        if (exit != 0) {
            System.out.println("  the daemon exited with " + exit + " when stopped");
        }
    }

    private static Measurement printed(Measurement measurement) {
        System.out.println("  " + measurement);
        return measurement;
    }

    private static int createUpTo(DaemonFiles files, Workload workload, int running, int count) {
        for (; running < count; running++) {
            try (Session session = LocalTransport.connect(files.socket())) {
                session.request(new UnikernelCommand.Create(workload.kernel()), Name.parse("idle-" + running))
                        .success();
            }
        }
        return running;
    }

    /** Waits until the process's resident memory has settled ({@link ProcessStatus#settledKib}). */
    static void settle(ProcessHandle process) {
        ProcessStatus.settledKib(process);
    }

    private static void settle(DaemonProcess daemon) {
        settle(daemon.handle());
    }

    private static Measurement measure(DaemonProcess daemon, int unikernels) throws IOException,
            InterruptedException {
        long vmms = daemon.tenders().stream().mapToLong(ProcessStatus::kib).sum();
        return new Measurement(unikernels, ProcessStatus.kib(daemon.handle()),
                ProcessStatus.threads(daemon.handle()), ClassCount.of(daemon.handle()), vmms,
                daemon.spawners().stream().mapToLong(ProcessStatus::kib).sum());
    }
}
