package org.albatross.daemon.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.HealthWatch;

/**
 * What the last update (or rollback) of a unikernel left behind, saved with the state: the {@code previous} spec it
 * replaced, whose image the store keeps for a rollback, and while the new image is watched, the watch and when it
 * ends. A daemon killed during the watch finds both at its next start.
 */
public record KeptUpdate(UnikernelSpec previous, Optional<Watch> watch) {
    public KeptUpdate {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(watch, "watch");
    }

    /** The health watch of an update and the moment it ends, whatever the daemon's restarts in between. */
    public record Watch(HealthWatch health, Instant deadline) {
        public Watch {
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** This record once its watch has passed: the previous spec is kept for a rollback by hand. */
    public KeptUpdate watched() {
        return new KeptUpdate(previous, Optional.empty());
    }
}
