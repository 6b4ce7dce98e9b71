package org.albatross.vmm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tender. Its console (standard output and error) goes line by line to a consumer on one
 * platform thread per process, which also records the exit and then runs the plan's clean-up commands,
 * so that thread ends with the process. {@link #stop()} sends SIGTERM, then SIGKILL to the tender and
 * whatever it started once the grace period has passed.
 */
public final class TenderProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenderProcess.class);

    private final Process process;
    private final LaunchPlan plan;
    private final HostCommand host;
    private final Duration stopGrace;
    private final Set<StopSignal> sent = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    private TenderProcess(Process process, LaunchPlan plan, HostCommand host, Duration stopGrace) {
        this.process = process;
        this.plan = plan;
        this.host = host;
        this.stopGrace = stopGrace;
    }

    /**
     * Writes the plan's configuration file, runs its preparation commands, then starts its command.
     *
     * @param label names the console thread and the log lines, e.g. the unikernel's name
     */
    public static TenderProcess start(LaunchPlan plan, String label, Consumer<String> console, HostCommand host,
            Duration stopGrace) throws IOException, HostCommandFailed {
        Objects.requireNonNull(console, "console");
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("the stop grace period must not be negative, got " + stopGrace);
        }
        if (plan.configuration().isPresent()) {
            ConfigurationFile file = plan.configuration().get();
            Files.writeString(file.path(), file.contents());
        }
        for (List<String> command : plan.before()) {
            host.run(command);
        }
        Process process;
        try {
            process = ProcessLauncher.start(plan.command(), plan.environment());
        } catch (IOException e) {
            undoPreparation(plan, host, "process " + label);
            throw new IOException("cannot start " + label + " (" + plan.command().get(0) + "): " + e.getMessage(), e);
        }
        TenderProcess tender = new TenderProcess(process, plan, host, stopGrace);
        Thread reader = new Thread(() -> tender.pumpConsoleThenExit(console),
                "console-" + label + "-" + tender.pid());
        reader.setDaemon(true);
        reader.start();
        LOG.info("started {} as process {}: {}", label, tender.pid(), String.join(" ", plan.command()));
        return tender;
    }

    public long pid() {
        return process.pid();
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
        if (process.isAlive() && sent.add(StopSignal.TERM)) {
            // Through the handle: Process.destroy() would also close the console pipe and lose the last lines.
            process.toHandle().destroy();
            CompletableFuture.delayedExecutor(stopGrace.toNanos(), TimeUnit.NANOSECONDS).execute(this::kill);
        }
        return exit();
    }

    private void kill() {
        if (process.isAlive()) {
            sent.add(StopSignal.KILL);
            // Tender first, so that it cannot observe its children's death and exit on its own in between.
            List<ProcessHandle> descendants = process.descendants().toList();
            process.toHandle().destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Stops the tender and waits until it has ended and its console thread is done. */
    @Override
    public void close() {
        stop().join();
    }

    private void pumpConsoleThenExit(Consumer<String> console) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                deliver(console, line);
            }
        } catch (IOException e) {
            LOG.warn("reading the console of process {} failed, the rest of its output is lost", pid(), e);
        }
        ExitStatus status = plan.exitEncoding().decode(awaitStatus(), Set.copyOf(sent));
        undoPreparation(plan, host, "process " + pid());
        exit.complete(status);
    }

    private static void undoPreparation(LaunchPlan plan, HostCommand host, String what) {
        for (List<String> command : plan.after()) {
            try {
                host.run(command);
            } catch (HostCommandFailed e) {
                LOG.warn("clean-up after {} failed: {}", what, e.getMessage());
            }
        }
    }

    private void deliver(Consumer<String> console, String line) {
        try {
            console.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("the console consumer of process {} failed on a line; reading goes on", pid(), e);
        }
    }

    private int awaitStatus() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
