package org.albatross.vmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tender started by the run root's spawner ({@link MonitorSpawner}) in a session of its own, not as a child of the
 * daemon, so that it outlives a daemon restart or crash and a later daemon can adopt it. Its console comes through a
 * FIFO in the run directory, read with every other tender's by one {@link MonitorWatch}; its exit status as the
 * spawner tells it (an adopted tender's, whose spawner an earlier daemon started: through the exit file it writes).
 * {@link #stop()} sends SIGTERM, then SIGKILL to the tender and whatever it started once the grace period has passed.
 * When it has ended, the plan's clean-up commands run, then {@link #exit()} completes.
 */
public final class TenderProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenderProcess.class);

    private final long pid;
    private final Instant started;
    private final Duration stopGrace;
    private final Set<StopSignal> sent = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    private TenderProcess(long pid, Instant started, Duration stopGrace) {
        this.pid = pid;
        this.started = started;
        this.stopGrace = stopGrace;
    }

    /**
     * Writes the plan's configuration file, runs its preparation commands and starts the plan's command
     * by the run root's spawner, its console going to the FIFO of {@code run} (prepared by
     * {@link RunDirectory#prepare}). No process is started but the tender.
     *
     * @param label names the tender in messages, e.g. the unikernel's name
     */
    public static TenderProcess start(LaunchPlan plan, RunDirectory run, String label, Consumer<String> console,
            HostCommand host, Duration stopGrace, MonitorWatch watch) throws IOException, HostCommandFailed {
        Objects.requireNonNull(console, "console");
        requireGrace(stopGrace);
        if (plan.configuration().isPresent()) {
            ConfigurationFile file = plan.configuration().get();
            Files.writeString(file.path(), file.contents());
        }
        for (List<String> command : plan.before()) {
            host.run(command);
        }
        MonitorSpawner.Spawned spawned;
        ConsoleFifo fifo = null;
        try {
            requireExecutable(plan.command().get(0), plan);
            fifo = watch.open(run);
            spawned = run.startTender(plan);
        } catch (IOException e) {
            if (fifo != null) {
                fifo.close();
            }
            undoPreparation(plan.after(), host, "process " + label);
            throw new IOException("cannot start " + label + " (" + plan.command().get(0) + "): " + e.getMessage(), e);
        }
        // A tender that already ended has no start time; its exit file tells the rest.
        long pid = spawned.pid();
        Instant started = TenderIdentity.startOf(pid).orElse(Instant.EPOCH);
        TenderProcess tender = new TenderProcess(pid, started, stopGrace);
        tender.follow(watch.watch(run, fifo, pid, started, console, Optional.of(spawned.exit())), plan.exitEncoding(),
                plan.after(), host);
        // Not logged here: the supervisor logs the create, with this command line, once.
        return tender;
    }

    /**
     * Takes over a tender that an earlier daemon started in {@code run} and that still runs as process {@code pid}
     * started at {@code started}: its console is read from where that daemon left it.
     *
     * @param after the clean-up commands of its plan, run once it has ended
     */
    public static TenderProcess adopt(RunDirectory run, long pid, Instant started, ExitEncoding encoding,
            List<List<String>> after, Consumer<String> console, HostCommand host, Duration stopGrace,
            MonitorWatch watch) throws IOException {
        requireGrace(stopGrace);
        TenderProcess tender = new TenderProcess(pid, started, stopGrace);
        // Its spawner, an earlier daemon's, tells its exit to nobody now: its exit file is watched.
        tender.follow(watch.watch(run, watch.open(run), pid, started, console, Optional.empty()), encoding, after,
                host);
        LOG.debug("adopted process {} in {}", pid, run); // the supervisor logs the adoption, once
        return tender;
    }

    public long pid() {
        return pid;
    }

    /** Completes once the tender has ended and its whole console has been delivered. */
    public CompletableFuture<ExitStatus> exit() {
        return exit.copy();
    }

    /**
     * Asks the tender to end (SIGTERM) and forces it (SIGKILL, to it and its descendants) if it is still
     * there after the grace period. Calling it again, or after the tender ended, changes nothing.
     */
    public CompletableFuture<ExitStatus> stop() {
        if (!exit.isDone() && sent.add(StopSignal.TERM)) {
            TenderIdentity.handle(pid, started).ifPresent(ProcessHandle::destroy);
            CompletableFuture.delayedExecutor(stopGrace.toNanos(), TimeUnit.NANOSECONDS).execute(this::kill);
        }
        return exit();
    }

    private void kill() {
        TenderIdentity.handle(pid, started).ifPresent(tender -> {
            sent.add(StopSignal.KILL);
            // Tender first, so that it cannot observe its children's death and exit on its own in between.
            List<ProcessHandle> descendants = tender.descendants().toList();
            tender.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        });
    }

    /** Stops the tender and waits until it has ended and its console has been read. */
    @Override
    public void close() {
        stop().join();
    }

    private void follow(CompletableFuture<Integer> status, ExitEncoding encoding, List<List<String>> after,
            HostCommand host) {
        status.whenComplete((code, lost) -> {
            undoPreparation(after, host, "process " + pid);
            if (lost != null) {
                exit.completeExceptionally(lost);
            } else {
                exit.complete(encoding.decode(code, Set.copyOf(sent)));
            }
        });
    }

    /** The spawner would only report the missing tender as exit status 127; a start failure says more. */
    private static void requireExecutable(String program, LaunchPlan plan) throws IOException {
        boolean found = program.contains("/") ? Files.isExecutable(Path.of(program))
                : TenderLocator.directories(plan.environment().getOrDefault("PATH", System.getenv()
                        .getOrDefault("PATH", ""))).stream().anyMatch(dir -> Files.isExecutable(dir.resolve(program)));
        if (!found) {
            throw new IOException("no executable " + program + " was found");
        }
    }

    private static void requireGrace(Duration stopGrace) {
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("the stop grace period must not be negative, got " + stopGrace);
        }
    }

    private static void undoPreparation(List<List<String>> after, HostCommand host, String what) {
        for (List<String> command : after) {
            try {
                host.run(command);
            } catch (HostCommandFailed e) {
                LOG.warn("clean-up after {} failed: {}", what, e.getMessage());
            }
        }
    }
}
