package org.albatross.daemon.stats;

import java.util.Objects;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.Statistics;

/** One unikernel's statistics at one interval, with its resident memory in bytes (albatross has it in pages). */
public record Sample(RunningUnikernel unikernel, Statistics statistics, long residentBytes) {
    public Sample {
        Objects.requireNonNull(unikernel, "unikernel");
        Objects.requireNonNull(statistics, "statistics");
    }
}
