package org.albatross.it.bench;

import static org.awaitility.Awaitility.await;

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
    /** How far apart two readings of the daemon's memory must agree for it to count as levelled off. */
    private static final Duration SETTLE_STEP = Duration.ofMillis(500);
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);

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
            settle(daemon);
            measured.add(measure(daemon, 0));
            int running = 0;
            for (int count : counts) {
                for (; running < count; running++) {
                    try (Session session = LocalTransport.connect(files.socket())) {
                        session.request(new UnikernelCommand.Create(IDLE_KERNEL), Name.parse("idle-" + running))
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
