package org.albatross.it.bench;

import java.util.Arrays;

/** Durations measured N times, in nanoseconds, summarised as the median and the 90th percentile. */
record Samples(long[] nanos) {
    Samples {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    double medianMs() {
        int middle = nanos.length / 2;
        double median = nanos.length % 2 == 1 ? nanos[middle] : (nanos[middle - 1] + nanos[middle]) / 2.0;
        return median / 1e6;
    }

    /** Nearest-rank 90th percentile. */
    double p90Ms() {
        return nanos[(int) Math.ceil(0.9 * nanos.length) - 1] / 1e6;
    }

    @Override
    public String toString() {
        return "median %.1f ms, p90 %.1f ms (n=%d)".formatted(medianMs(), p90Ms(), nanos.length);
    }
}
