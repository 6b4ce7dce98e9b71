package org.albatross.daemon.stats;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.albatross.daemon.supervisor.ConsoleTally;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Statistics;

/** Statistics samples for tests: a unikernel with one tap whose counters are all {@code n}. */
public final class Samples {
    public static final Instant STARTED = Instant.parse("2026-11-25T00:00:00Z");

    private Samples() {
    }

    public static Sample of(String name, long n) {
        return of(name, n, "service");
    }

    public static Sample of(String name, long n, String bridge) {
        RunningUnikernel unikernel = new RunningUnikernel(Name.parse(name), 4242, "QemuAdapter",
                List.of(new StatsCommand.Tap(bridge, "vmtap0")), STARTED, ConsoleTally.NONE);
        Statistics.Timeval time = new Statistics.Timeval(n, 500_000);
        Statistics statistics = new Statistics(new Statistics.ResourceUsage(time, time, n, 0, 0, 0, n, n, 0, 0, 0, 0,
                0, 0, n, n), List.of(new Statistics.InterfaceData(bridge, 0, 0, 0, 0, 1500, 0, n, n, n, n, 0, n, n, 0,
                0, n, n)), Optional.empty(), Optional.of(new Statistics.KinfoMem(n, n, n, n, n, n, 0,
                new Statistics.Timeval(STARTED.getEpochSecond(), 0))));
        return new Sample(unikernel, statistics, n * 4096);
    }
}
