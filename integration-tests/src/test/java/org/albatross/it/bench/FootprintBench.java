package org.albatross.it.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;
import org.albatross.it.TestUnikernel;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;

/**
 * The daemon JVM's resident memory idle after start and with N test kernels running ({@code lines=1 forever}: they
 * print, then halt using no CPU), and the VMMs' resident memory beside it.
 */
final class FootprintBench {
    private static final UnikernelConfig IDLE_KERNEL = TestUnikernel.withArguments("lines=1", "forever").config();
    /** Long enough for the kernels just created to have booted and the daemon's allocation to level off. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    /** Memory with {@code unikernels} running (0: idle after start). */
    record Measurement(int unikernels, long daemonKib, long daemonThreads, long vmmsKib) {
        double daemonKibPerUnikernel(Measurement idle) {
            return (daemonKib - idle.daemonKib) / (double) (unikernels - idle.unikernels);
        }
    }

    private FootprintBench() {
    }

    /** Starts a daemon with these flags, measures it idle and at each count of unikernels, then stops it. */
    static List<Measurement> run(DaemonFiles files, JvmFlags flags, List<Integer> counts)
            throws IOException, InterruptedException {
        List<Measurement> measured = new ArrayList<>();
        try (DaemonProcess daemon = DaemonProcess.start(files, flags.options(),
                JvmFlags.DAEMON_CLASS_PATH)) {
            settle();
            measured.add(measure(daemon, 0));
            int running = 0;
            for (int count : counts) {
                for (; running < count; running++) {
                    try (Session session = LocalTransport.connect(files.socket())) {
                        session.request(new UnikernelCommand.Create(IDLE_KERNEL), Name.parse("idle-" + running))
                                .success();
                    }
                }
                settle();
                measured.add(measure(daemon, running));
            }
            System.out.println("  a VMM as the daemon started it: " + vmmCommandLine(daemon));
        }
        return measured;
    }

    /** A measurement, not a synchronisation: nothing is awaited, the process is left to reach a steady state. */
    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
    }

    private static Measurement measure(DaemonProcess daemon, int unikernels) {
        long vmms = daemon.handle().descendants().mapToLong(ProcessStatus::kib).sum();
        return new Measurement(unikernels, ProcessStatus.kib(daemon.handle()),
                ProcessStatus.threads(daemon.handle()), vmms);
    }

    private static String vmmCommandLine(DaemonProcess daemon) {
        return daemon.handle().descendants().findFirst()
                .flatMap(vmm -> vmm.info().arguments().map(arguments -> vmm.info().command().orElse("?") + " "
                        + String.join(" ", arguments)))
                .orElse("(none)");
    }
}
