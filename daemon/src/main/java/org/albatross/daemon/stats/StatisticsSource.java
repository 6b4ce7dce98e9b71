package org.albatross.daemon.stats;

import java.io.IOException;
import org.albatross.daemon.supervisor.RunningUnikernel;

/** Where a unikernel's statistics come from: the host's /proc and /sys on Linux. */
@FunctionalInterface
public interface StatisticsSource {
    /** One sample now; fails when the process is gone or its files do not read as expected. */
    Sample sample(RunningUnikernel unikernel) throws IOException, MalformedProcFile;
}
