package org.albatross.daemon.stats;

import java.io.IOException;
import java.util.Optional;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.slf4j.LoggerFactory;

/** Where a unikernel's statistics come from: the host's /proc and /sys on Linux. */
@FunctionalInterface
public interface StatisticsSource {
    /** One sample now; fails when the process is gone or its files do not read as expected. */
    Sample sample(RunningUnikernel unikernel) throws IOException, MalformedProcFile;

    /** One sample now, or none for a unikernel that ended since it was listed (or whose files do not read). */
    default Optional<Sample> sampleIfRunning(RunningUnikernel unikernel) {
        try {
            return Optional.of(sample(unikernel));
        } catch (IOException | MalformedProcFile e) {
            LoggerFactory.getLogger(StatisticsSource.class).debug("no statistics for {} (pid {}): {}",
                    unikernel.name(), unikernel.pid(), e.getMessage());
            return Optional.empty();
        }
    }
}
