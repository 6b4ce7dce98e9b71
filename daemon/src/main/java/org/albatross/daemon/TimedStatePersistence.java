package org.albatross.daemon;

import java.io.IOException;
import java.time.Duration;
import org.albatross.daemon.metrics.DaemonMeters;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.StatePersistence;

/** Saves the state through {@code delegate} and meters how long each save (encode, write, fsync) took. */
record TimedStatePersistence(StatePersistence delegate, DaemonMeters meters) implements StatePersistence {
    @Override
    public void save(DaemonState state) throws IOException {
        long start = System.nanoTime();
        delegate.save(state);
        meters.stateSaved(Duration.ofNanos(System.nanoTime() - start));
    }
}
