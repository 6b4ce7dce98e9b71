package org.albatross.daemon.supervisor;

import java.util.Objects;

/** What the supervisor does after a unikernel's monitor ended, and why, in words fit for the event log and {@code info}. */
public sealed interface RestartDecision {
    String reason();

    /** Start it again with the same configuration. */
    record Restart(String reason) implements RestartDecision {
        public Restart {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Start it again once, without the {@code --name} argument the daemon added (it exited 64: argument error). */
    record RestartWithoutName(String reason) implements RestartDecision {
        public RestartWithoutName {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Leave it stopped. */
    record StayStopped(String reason) implements RestartDecision {
        public StayStopped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
