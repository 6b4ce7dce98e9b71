package org.albatross.protocol;

import java.util.Set;

/** What to do when a unikernel exits. */
public sealed interface FailBehaviour {
    /** Leave it stopped. */
    record Quit() implements FailBehaviour {
    }

    /** Start it again when it exits with one of {@code exitCodes}; an empty set means any exit code. */
    record Restart(Set<Integer> exitCodes) implements FailBehaviour {
        public Restart {
            exitCodes = Set.copyOf(exitCodes);
        }

        public boolean restartsOn(int exitCode) {
            return exitCodes.isEmpty() || exitCodes.contains(exitCode);
        }
    }
}
