package org.albatross.daemon.state;

import java.io.IOException;

/**
 * Where the supervisor saves its state after each change, in two steps, so that a change can be made between them: a
 * disk that cannot take the state refuses it at {@link #stage}, before the change is made, and {@link Staged#commit}
 * makes it durable, before the change is acknowledged.
 */
@FunctionalInterface
public interface StatePersistence {
    /**
     * Writes {@code state}, not yet durably nor in place of the saved one.
     *
     * @throws IOException when it could not (e.g. a full or read-only disk); the previously saved state stays
     */
    Staged stage(DaemonState state) throws IOException;

    /** Keeps {@code state} durably before returning; on failure the previously saved state stays. */
    default void save(DaemonState state) throws IOException {
        stage(state).commit();
    }

    /** A state written by {@link #stage}; one never committed changes nothing (the next stage replaces it). */
    @FunctionalInterface
    interface Staged {
        /**
         * Makes the staged state the saved one, durably, with every image it refers to.
         *
         * @throws IOException when it could not; the previously saved state stays
         */
        void commit() throws IOException;
    }
}
