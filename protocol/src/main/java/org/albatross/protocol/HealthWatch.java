package org.albatross.protocol;

import java.util.Objects;

/**
 * What an update asks the daemon to watch: the new image is judged by {@code check} for {@code seconds} after it
 * started, and the previous image runs again if it fails (docs/protocol.md "Updates").
 */
public record HealthWatch(HealthCheck check, int seconds) {
    /** The longest watch: robur's mollymawk rolls back within 600 s too. */
    public static final int MAX_SECONDS = 600;

    public HealthWatch {
        Objects.requireNonNull(check, "check");
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a watch lasts 1-" + MAX_SECONDS + " seconds, not " + seconds);
        }
    }

    @Override
    public String toString() {
        return check + " for " + seconds + " s";
    }
}
