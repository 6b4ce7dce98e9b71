package org.albatross.daemon.supervisor;

import java.util.concurrent.CompletableFuture;
import org.albatross.vmm.ExitStatus;

/** A unikernel's running monitor (tender, QEMU, bhyve, xl), as far as the supervisor needs to know it. */
public interface MonitorProcess {
    long pid();

    /** Completes once the monitor has ended and its whole console has been delivered. */
    CompletableFuture<ExitStatus> exit();

    /** Asks the monitor to end, forcing it after a grace period; {@link #exit()} tells when it has. */
    void stop();
}
