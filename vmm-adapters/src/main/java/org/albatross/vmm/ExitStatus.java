package org.albatross.vmm;

import java.util.Objects;

/**
 * How a tender ended. A tender killed by a signal the daemon did not send shows as {@link Exited} with
 * 128 + the signal, exactly like a unikernel that exits with that code: the two cannot be told apart.
 */
public sealed interface ExitStatus {
    /** The unikernel (or, for QEMU, the guest through isa-debug-exit) ended with this code. */
    record Exited(int code) implements ExitStatus {
    }

    /** The daemon stopped it with this signal, and the tender ended because of it. */
    record Stopped(StopSignal signal) implements ExitStatus {
        public Stopped {
            Objects.requireNonNull(signal, "signal");
        }
    }
}
