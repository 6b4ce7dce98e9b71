package org.albatross.daemon.supervisor;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.albatross.console.ConsoleWriter;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.UnikernelImage;

/**
 * A unikernel in the supervisor's table: what it runs and the image its launch decided (none for a tender adopted
 * from an earlier daemon: a restore does not decide again what runs already, a restart decides it from the store),
 * what {@code info} reports, its launch and console writer, and {@code gone}, completed on the state thread once its
 * exit has been handled.
 */
record Unikernel(Name name, UnikernelSpec spec, Optional<UnikernelImage> decided, UnikernelInfo info, Launch launch,
        ConsoleWriter console, CompletableFuture<ExitStatus> gone) {
    Unikernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(decided, "decided");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(gone, "gone");
    }

    // Identity, not value equality: a unikernel restarted with the same config is another one.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
