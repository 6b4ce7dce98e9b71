package org.albatross.vmm;

import java.util.Set;

/** How a tender's process status encodes the unikernel's exit. */
public enum ExitEncoding {
    /** The status is the unikernel's exit code (solo5 tenders, bhyve, xl). */
    DIRECT {
        @Override
        public ExitStatus decode(int status, Set<StopSignal> sent) {
            return stoppedBy(status, sent);
        }
    },
    /**
     * QEMU ends with {@code (K << 1) | 1} when the guest writes K to isa-debug-exit, so odd statuses map back
     * to K. QEMU's own status 0 (the guest powered off or reset under -no-reboot, or QEMU quit on SIGTERM) is
     * {@code Exited(0)} unless the daemon sent SIGTERM; QEMU's own error status 1 reads as K = 0.
     */
    QEMU_DEBUG_EXIT {
        @Override
        public ExitStatus decode(int status, Set<StopSignal> sent) {
            if (status == 0 && sent.contains(StopSignal.TERM)) {
                return new ExitStatus.Stopped(StopSignal.TERM);
            }
            ExitStatus direct = stoppedBy(status, sent);
            if (direct instanceof ExitStatus.Exited && (status & 1) == 1) {
                return new ExitStatus.Exited(status >> 1);
            }
            return direct;
        }
    };

    /** The exit of a process with Java's exit status {@code status}, given the stop signals the daemon sent. */
    public abstract ExitStatus decode(int status, Set<StopSignal> sent);

    private static ExitStatus stoppedBy(int status, Set<StopSignal> sent) {
        for (StopSignal signal : sent) {
            if (status == signal.javaExitStatus()) {
                return new ExitStatus.Stopped(signal);
            }
        }
        return new ExitStatus.Exited(status);
    }
}
