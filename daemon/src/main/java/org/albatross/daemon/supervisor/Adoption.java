package org.albatross.daemon.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.StopSignal;

/**
 * Takes over a monitor that an earlier daemon left running ({@code shutdown = "leave"}) instead of starting a second
 * one. The daemon is not its parent: its console is no longer read, and its exit code cannot be known, so an end
 * the daemon did not ask for reads as exit code 0.
 */
public final class Adoption implements Launcher {
    private final ProcessHandle monitor;
    private final Duration stopGrace;

    public Adoption(ProcessHandle monitor, Duration stopGrace) {
        this.monitor = monitor;
        this.stopGrace = stopGrace;
    }

    @Override
    public Launch launch(Name name, UnikernelConfig config, Consumer<String> console) {
        return new Launch(new AdoptedMonitor(), "adopted", List.of(), List.of(), () -> { });
    }

    private final class AdoptedMonitor implements MonitorProcess {
        private volatile boolean stopSent;

        @Override
        public long pid() {
            return monitor.pid();
        }

        @Override
        public CompletableFuture<ExitStatus> exit() {
            return monitor.onExit().thenApply(ended -> stopSent ? new ExitStatus.Stopped(StopSignal.TERM)
                    : new ExitStatus.Exited(0));
        }

        @Override
        public void stop() {
            stopSent = true;
            monitor.destroy();
            CompletableFuture.delayedExecutor(stopGrace.toNanos(), TimeUnit.NANOSECONDS)
                    .execute(monitor::destroyForcibly);
        }
    }
}
