package org.albatross.daemon.supervisor;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.albatross.protocol.Octets;
import org.albatross.vmm.MonitorRecord;
import org.albatross.vmm.ExitStatus;

/**
 * What a starting daemon does with a unikernel of its saved state that an earlier daemon ran: adopt its tender that
 * still runs, apply the restart rules to the exit its monitor recorded meanwhile, or start it as new. The same for a
 * daemon that stopped with {@code shutdown = "leave"} and one that was killed.
 */
public sealed interface Readoption {
    /** The tender still runs: the new daemon takes over its console, supervision and stop. */
    record Adopt(MonitorRecord record) implements Readoption {
        public Adopt {
            Objects.requireNonNull(record, "record");
        }
    }

    /** The tender ended while no daemon watched; its monitor recorded {@code rawStatus}. */
    record EndedWhileAway(MonitorRecord record, int rawStatus) implements Readoption {
        public EndedWhileAway {
            Objects.requireNonNull(record, "record");
        }

        /** No daemon sent it a signal: a signal it died of reads as 128 + the signal, like an exit code. */
        public ExitStatus status() {
            return record.encoding().decode(rawStatus, Set.of());
        }
    }

    /** Nothing of it can be taken over; {@code reason} says why, for the log. */
    record StartAgain(String reason) implements Readoption {
        public StartAgain {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param record the monitor record in the unikernel's run directory, if any
     * @param imageDigest the SHA-256 of the image the saved state runs
     * @param tenderRunning whether the record's pid runs and started at the record's time
     * @param exitStatus what the monitor wrote to the exit file, if it did
     */
    static Readoption decide(Optional<MonitorRecord> record, Octets imageDigest, boolean tenderRunning,
            OptionalInt exitStatus) {
        if (record.isEmpty()) {
            return new StartAgain("no monitor was recorded for it");
        }
        MonitorRecord found = record.get();
        if (!found.imageDigest().equals(imageDigest)) {
            return new StartAgain("its run directory holds another image than the saved state");
        }
        if (exitStatus.isPresent()) {
            return new EndedWhileAway(found, exitStatus.getAsInt());
        }
        if (tenderRunning) {
            return new Adopt(found);
        }
        if (found.pid() == MonitorRecord.NOT_YET_STARTED) {
            return new StartAgain("its spawner had not started the tender when the daemon that launched it ended");
        }
        return new StartAgain("process " + found.pid() + " is gone and its spawner recorded no exit (killed with "
                + "it, or the host restarted)");
    }
}
