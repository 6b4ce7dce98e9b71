package org.albatross.daemon.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every running unikernel once per interval, on its own thread, and hands each round to the listeners
 * (subscribers, metrics), while a round is wanted: reading a thousand unikernels' /proc files each interval for no
 * one is a daemon's idle CPU. A unikernel that ends between the listing and its sample is left out of that round.
 */
public final class StatsCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsCollector.class);

    private final Supplier<CompletableFuture<List<RunningUnikernel>>> running;
    private final StatisticsSource source;
    private final List<Consumer<List<Sample>>> listeners;
    private final BooleanSupplier wanted;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "albatross-stats");
        thread.setDaemon(true);
        return thread;
    });

    /** @param wanted whether anyone takes a round now (metrics, a subscriber): rounds nobody wants are skipped */
    public StatsCollector(Supplier<CompletableFuture<List<RunningUnikernel>>> running, StatisticsSource source,
            List<Consumer<List<Sample>>> listeners, BooleanSupplier wanted) {
        this.running = running;
        this.source = source;
        this.listeners = List.copyOf(listeners);
        this.wanted = wanted;
    }

    /** Starts sampling, the first round right away. */
    public void start(Duration interval) {
        timer.scheduleAtFixedRate(this::roundIfWanted, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What each interval runs: a round, if anyone wants one now. */
    void roundIfWanted() {
        if (!wanted.getAsBoolean()) {
            return;
        }
        try {
            round();
        } catch (RuntimeException e) {
            // A failing round must not cancel the schedule: the next one may well succeed.
            LOG.warn("statistics round failed: {}", e.toString());
        }
    }

    /** Samples every running unikernel now and hands the round to the listeners; returns the round. */
    public List<Sample> round() {
        List<Sample> samples = collect(running.get().join());
        listeners.forEach(listener -> listener.accept(samples));
        return samples;
    }

    private List<Sample> collect(List<RunningUnikernel> unikernels) {
        List<Sample> samples = new ArrayList<>(unikernels.size());
        for (RunningUnikernel unikernel : unikernels) {
            source.sampleIfRunning(unikernel).ifPresent(samples::add);
        }
        return samples;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
