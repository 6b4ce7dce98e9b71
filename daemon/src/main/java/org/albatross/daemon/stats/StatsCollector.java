package org.albatross.daemon.stats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every running unikernel once per interval, on its own thread, and hands each round to the listeners
 * (subscribers, metrics). A unikernel that ends between the listing and its sample is left out of that round.
 */
public final class StatsCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsCollector.class);

    private final Supplier<CompletableFuture<List<RunningUnikernel>>> running;
    private final StatisticsSource source;
    private final List<Consumer<List<Sample>>> listeners;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "albatross-stats");
        thread.setDaemon(true);
        return thread;
    });

    public StatsCollector(Supplier<CompletableFuture<List<RunningUnikernel>>> running, StatisticsSource source,
            List<Consumer<List<Sample>>> listeners) {
        this.running = running;
        this.source = source;
        this.listeners = List.copyOf(listeners);
    }

    /** Starts sampling, the first round right away. */
    public void start(Duration interval) {
        timer.scheduleAtFixedRate(() -> {
            try {
                round();
            } catch (RuntimeException e) {
                // A failing round must not cancel the schedule: the next one may well succeed.
                LOG.warn("statistics round failed: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
            try {
                samples.add(source.sample(unikernel));
            } catch (IOException | MalformedProcFile e) {
                LOG.debug("no statistics for {} (pid {}): {}", unikernel.name(), unikernel.pid(), e.getMessage());
            }
        }
        return samples;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
