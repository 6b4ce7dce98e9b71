package org.albatross.daemon.supervisor;

import org.albatross.daemon.state.DaemonState;

/** Where the supervisor saves its state after each change; a failure is the implementation's to report. */
@FunctionalInterface
public interface StatePersistence {
    /** Keeps {@code state} durably before returning, or reports why it could not. */
    void save(DaemonState state);
}
