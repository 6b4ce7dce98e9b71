package org.albatross.daemon.state;

import java.io.IOException;

/** Where the supervisor saves its state after each change. */
@FunctionalInterface
public interface StatePersistence {
    /**
     * Keeps {@code state} durably before returning.
     *
     * @throws IOException when it could not (e.g. a full or read-only disk); the previously saved state stays
     */
    void save(DaemonState state) throws IOException;
}
