package org.albatross.daemon;

import java.io.IOException;
import java.time.Duration;
import org.albatross.daemon.metrics.DaemonMeters;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.StatePersistence;

/** Saves the state through {@code delegate} and meters how long each save (encode, write, fsync) took. */
record TimedStatePersistence(StatePersistence delegate, DaemonMeters meters) implements StatePersistence {
    @Override
    public Staged stage(DaemonState state) throws IOException {
        long start = System.nanoTime();
        Staged staged = delegate.stage(state);
        long staging = System.nanoTime() - start;
        return () -> {
            long committing = System.nanoTime();
            staged.commit();
            meters.stateSaved(Duration.ofNanos(staging + System.nanoTime() - committing));
        };
    }
}
