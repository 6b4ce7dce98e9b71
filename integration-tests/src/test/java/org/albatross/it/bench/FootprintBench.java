package org.albatross.it.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The daemon JVM's resident memory and threads idle after start and with N unikernels running, and the resident
 * memory of their monitors (sh) and VMMs beside it. A unikernel is the test kernel ({@code lines=1 forever}: it
 * prints, then halts using no CPU) under QEMU, or, to reach 1,000 on a machine that cannot hold 1,000 QEMUs, a
 * stand-in "QEMU" that prints one line and sleeps ({@link Workload#standIn}), run through the real monitor script.
 */
final class FootprintBench {
    /** How far apart two readings of the daemon's memory must agree for it to count as levelled off. */
    private static final Duration SETTLE_STEP = Duration.ofMillis(500);
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);

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
     * Memory with {@code unikernels} running (0: idle after start): the daemon's, all monitors' and all VMMs' VmRSS,
     * and one monitor's VmRSS and PSS (its own share once pages shared with the other shells are divided up).
     */
    record Measurement(int unikernels, long daemonKib, long daemonThreads, long vmmsKib, long monitorsKib,
            long oneMonitorKib, long oneMonitorPssKib) {
        double daemonKibPerUnikernel(Measurement idle) {
            return (daemonKib - idle.daemonKib) / (double) (unikernels - idle.unikernels);
        }
    }

    private FootprintBench() {
    }

    /** Starts a daemon with these flags, measures it idle and at each count of unikernels, then stops it. */
    static List<Measurement> run(DaemonFiles files, JvmFlags flags, List<Integer> counts, Workload workload)
            throws IOException, InterruptedException {
        List<Measurement> measured = new ArrayList<>();
        try (DaemonProcess daemon = DaemonProcess.start(files, flags.options(),
                JvmFlags.DAEMON_CLASS_PATH, workload.daemonArguments().toArray(String[]::new))) {
            settle(daemon);
            measured.add(measure(daemon, 0));
            int running = 0;
            for (int count : counts) {
                for (; running < count; running++) {
                    try (Session session = LocalTransport.connect(files.socket())) {
                        session.request(new UnikernelCommand.Create(workload.kernel()), Name.parse("idle-" + running))
                                .success();
                    }
                }
                settle(daemon);
                measured.add(measure(daemon, running));
            }
            System.out.println("  a VMM as the daemon started it: " + vmmCommandLine(daemon));
        }
        return measured;
    }

    /** Waits until the daemon's resident memory has levelled off: two readings a step apart within 1 %. */
    private static void settle(DaemonProcess daemon) {
        long[] last = {ProcessStatus.kib(daemon.handle())};
        await("albatrossd's memory levels off").atMost(SETTLE_DEADLINE).pollDelay(SETTLE_STEP)
                .pollInterval(SETTLE_STEP).until(() -> {
                    long now = ProcessStatus.kib(daemon.handle());
                    boolean level = Math.abs(now - last[0]) <= last[0] / 100;
                    last[0] = now;
                    return level;
                });
    }

    private static Measurement measure(DaemonProcess daemon, int unikernels) {
        List<ProcessHandle> monitors = daemon.tenders().stream().filter(FootprintBench::isMonitor).toList();
        long vmms = daemon.tenders().stream().filter(process -> !isMonitor(process)).mapToLong(ProcessStatus::kib)
                .sum();
        ProcessHandle one = monitors.isEmpty() ? null : monitors.get(0);
        return new Measurement(unikernels, ProcessStatus.kib(daemon.handle()),
                ProcessStatus.threads(daemon.handle()), vmms, monitors.stream().mapToLong(ProcessStatus::kib).sum(),
                one == null ? 0 : ProcessStatus.kib(one), one == null ? 0 : ProcessStatus.pssKib(one));
    }

    private static boolean isMonitor(ProcessHandle process) {
        return process.info().arguments().map(arguments -> arguments.length > 0 && arguments[0].endsWith("monitor.sh"))
                .orElse(false);
    }

    private static String vmmCommandLine(DaemonProcess daemon) {
        return daemon.tenders().stream().filter(process -> !isMonitor(process)).findFirst()
                .flatMap(vmm -> vmm.info().arguments().map(arguments -> vmm.info().command().orElse("?") + " "
                        + String.join(" ", arguments)))
                .orElse("(none)");
    }
}
