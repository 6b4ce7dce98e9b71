package org.albatross.daemon.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.albatross.daemon.metrics.UnikernelMeters;
import org.albatross.daemon.stats.LinuxStatistics;
import org.albatross.daemon.stats.Sample;
import org.albatross.daemon.stats.StatisticsSource;
import org.albatross.daemon.stats.StatsCollector;
import org.albatross.daemon.stats.StatsService;
import org.albatross.daemon.supervisor.ConsoleTally;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;

/**
 * The cost of statistics for 100 unikernels: 100 live processes ({@code sleep}) with one interface each (the
 * loopback device stands in for a tap), sampled from /proc and /sys, handed to the subscribers and the meters,
 * round after round on one thread. Prints the thread's CPU time per round and what that is of one core at a 10 s
 * interval. Run: {@code mvn -B -ntp -pl daemon -am verify -DskipTests -Dbench=daemon-metrics}.
 */
public final class DaemonMetricsBench {
    private static final int UNIKERNELS = 100;
    private static final int WARMUP_ROUNDS = 200;
    private static final int ROUNDS = 500;
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private DaemonMetricsBench() {
    }

    public static void main(String[] arguments) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        try {
            List<RunningUnikernel> unikernels = new ArrayList<>();
            for (int i = 0; i < UNIKERNELS; i++) {
                Process sleeper = new ProcessBuilder("sleep", "3600").start();
                processes.add(sleeper);
                unikernels.add(new RunningUnikernel(Name.of(org.albatross.protocol.Path.of("tenant" + i % 10),
                        Label.of("vm" + i)), sleeper.pid(), "QemuAdapter", List.of(new StatsCommand.Tap("service",
                        "lo")), Instant.now(), ConsoleTally.NONE));
            }
            StatisticsSource source = new LinuxStatistics(Path.of("/"));
            StatsCollector collector = new StatsCollector(() -> CompletableFuture.completedFuture(unikernels),
                    source, List.of(new StatsService(() -> CompletableFuture.completedFuture(unikernels), source),
                    new UnikernelMeters(new SimpleMeterRegistry(), Clock.systemUTC())), () -> true);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            rounds(collector, WARMUP_ROUNDS);
            long cpuBefore = threads.getCurrentThreadCpuTime();
            rounds(collector, ROUNDS);
            double cpuPerRound = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9 / ROUNDS;
            System.out.printf("bench-daemon-metrics: %d unikernels, %.3f ms CPU per round, %.4f %% of one core at a"
                    + " %d s interval%n", UNIKERNELS, cpuPerRound * 1e3, 100 * cpuPerRound / INTERVAL.toSeconds(),
                    INTERVAL.toSeconds());
        } finally {
            processes.forEach(Process::destroy);
        }
    }

    private static void rounds(StatsCollector collector, int rounds) {
        for (int i = 0; i < rounds; i++) {
            List<Sample> samples = collector.round();
            if (samples.size() != UNIKERNELS) {
                throw new IllegalStateException("only " + samples.size() + " of " + UNIKERNELS + " sampled");
            }
        }
    }
}
