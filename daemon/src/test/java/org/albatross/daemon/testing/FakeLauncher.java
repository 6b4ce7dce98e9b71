package org.albatross.daemon.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.supervisor.Launch;
import org.albatross.daemon.supervisor.Launcher;
import org.albatross.daemon.supervisor.MonitorProcess;
import org.albatross.vmm.MonitorRecord;
import org.albatross.daemon.supervisor.Readoption;
import org.albatross.protocol.Name;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.vmm.UnikernelImage;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.StopSignal;

/**
 * Launches nothing: each "monitor" ends when the test says so, or with SIGTERM when the supervisor stops it. A tender
 * an earlier daemon left running is one the test says was left ({@link #leaveRunning}).
 */
public final class FakeLauncher implements Launcher {
    private final Map<Name, FakeMonitor> running = new ConcurrentHashMap<>();
    private final Map<Name, MonitorRecord> leftRunning = new ConcurrentHashMap<>();
    private final AtomicLong pids = new AtomicLong(1000);
    /** The names the last {@link #removeStrays} was told own what runs: a real launcher ends anything else. */
    public volatile java.util.Set<Name> strayRemovalKnew = java.util.Set.of();
    /** When set, the next launch throws it (and clears it), as a launcher that breaks halfway would. */
    public volatile RuntimeException failNext;
    /** When set, a launch waits until it opens: the state thread stays busy with it meanwhile. */
    public volatile CountDownLatch launchesWaitFor;
    /** How many launches wait for {@link #launchesWaitFor} now. */
    public final AtomicInteger launchesWaiting = new AtomicInteger();

    @Override
    public Launch launch(Name name, UnikernelSpec spec, UnikernelImage image, Consumer<String> console)
            throws CommandFailed {
        CountDownLatch gate = launchesWaitFor;
        if (gate != null) {
            launchesWaiting.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the test held the launch", e);
            } finally {
                launchesWaiting.decrementAndGet();
            }
        }
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
        FakeMonitor monitor = new FakeMonitor(pids.incrementAndGet(), console);
        running.put(name, monitor);
        return new Launch(monitor, "FakeAdapter", List.of("fake-monitor", name.toString()), List.of(), List.of(),
                () -> { });
    }

    /** The tender of {@code name} was left running by an earlier daemon, as {@code record} says: adopt it. */
    public void leaveRunning(Name name, MonitorRecord record) {
        leftRunning.put(name, record);
    }

    /** Nothing else is left of an earlier daemon: a fake monitor does not outlive the test's supervisor. */
    @Override
    public Readoption previous(Name name, UnikernelSpec spec) {
        MonitorRecord left = leftRunning.get(name);
        return left != null && left.imageDigest().equals(spec.imageDigest()) ? new Readoption.Adopt(left)
                : new Readoption.StartAgain("the fake launcher left nothing running for " + name + " of that image");
    }

    @Override
    public Launch adopt(Name name, Readoption.Adopt found, Consumer<String> console) {
        leftRunning.remove(name);
        FakeMonitor monitor = new FakeMonitor(found.record().pid(), console);
        running.put(name, monitor);
        return new Launch(monitor, found.record().adapter(), List.of(), List.of(), found.record().networks(),
                () -> { });
    }

    @Override
    public void release(Name name, MonitorRecord record) {
    }

    /** Removes nothing (a fake monitor leaves nothing behind); the names it was told own what runs are kept. */
    @Override
    public java.util.List<String> removeStrays(java.util.Set<Name> known) {
        strayRemovalKnew = java.util.Set.copyOf(known);
        return java.util.List.of();
    }

    /** The monitor of the last unikernel launched as {@code name}. */
    public FakeMonitor monitor(String name) {
        return running.get(Name.parse(name));
    }

    /** A monitor the test drives: console lines and the exit. */
    public static final class FakeMonitor implements MonitorProcess {
        private final long pid;
        private final Consumer<String> console;
        private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

        FakeMonitor(long pid, Consumer<String> console) {
            this.pid = pid;
            this.console = console;
        }

        public void print(String line) {
            console.accept(line);
        }

        public void exit(int code) {
            exit.complete(new ExitStatus.Exited(code));
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public CompletableFuture<ExitStatus> exit() {
            return exit;
        }

        @Override
        public void stop() {
            exit.complete(new ExitStatus.Stopped(StopSignal.TERM));
        }
    }
}
