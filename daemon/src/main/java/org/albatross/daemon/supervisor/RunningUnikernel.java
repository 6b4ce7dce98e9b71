package org.albatross.daemon.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;

/**
 * A running unikernel as the statistics collector samples it: whose monitor process to read, which taps to count
 * (with the bridge each belongs to), which adapter runs it, since when, and how much its console has written.
 */
public record RunningUnikernel(Name name, long pid, String adapter, List<StatsCommand.Tap> taps, Instant started,
        ConsoleTally console) {
    public RunningUnikernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(adapter, "adapter");
        taps = List.copyOf(taps);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(console, "console");
    }
}
