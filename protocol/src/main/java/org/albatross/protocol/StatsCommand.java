package org.albatross.protocol;

import java.util.List;
import java.util.Objects;

/** Commands for the statistics service. */
public sealed interface StatsCommand extends Command {
    /** Start sampling a unikernel: its vmm device, its process id and its taps (sent by the daemon). */
    record Add(String vmmDevice, int pid, List<Tap> taps) implements StatsCommand {
        public Add {
            Objects.requireNonNull(vmmDevice, "vmmDevice");
            Checks.nonNegative(pid, "pid");
            taps = List.copyOf(taps);
        }
    }

    /** A tap device and the bridge it is attached to. */
    record Tap(String bridge, String tap) {
        public Tap {
            Objects.requireNonNull(bridge, "bridge");
            Objects.requireNonNull(tap, "tap");
        }
    }

    record Remove() implements StatsCommand {
    }

    /** Stream statistics of the named unikernel(s). */
    record Subscribe() implements StatsCommand {
    }

    /** One statistics sample of the named unikernel(s), then the stream ends. */
    record Initial() implements StatsCommand {
    }
}
