package org.albatross.daemon.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.stats.Sample;
import org.albatross.protocol.Event;

/**
 * Metrics as {@code metrics.enabled} asks for them: the daemon's and the unikernels' meters pushed to InfluxDB, and
 * albatross's own measurements when {@code metrics.albatross-measurements} is set. The only way into Micrometer, so
 * that a daemon with metrics off neither loads it nor keeps a meter.
 */
public final class InfluxMetrics implements AutoCloseable {
    private final MetricsRegistry registry;
    private final DaemonMeters daemon;
    private final UnikernelMeters unikernels;
    private final List<Consumer<List<Sample>>> statistics = new ArrayList<>();

    private InfluxMetrics(DaemonConfig.Metrics config, Clock clock) {
        registry = MetricsRegistry.of(config);
        daemon = new MicrometerDaemonMeters(registry.registry());
        unikernels = new UnikernelMeters(registry.registry(), clock);
        daemon.unikernels("running", unikernels::running);
        statistics.add(unikernels);
        if (config.albatrossMeasurements()) {
            config.influx().ifPresent(target -> statistics.add(new AlbatrossMeasurements(target, clock)));
        }
    }

    /** Starts pushing, if {@code config} enables metrics. */
    public static Optional<InfluxMetrics> start(DaemonConfig.Metrics config, Clock clock) {
        return config.enabled() ? Optional.of(new InfluxMetrics(config, clock)) : Optional.empty();
    }

    public DaemonMeters daemon() {
        return daemon;
    }

    /** What takes each statistics round: the unikernels' meters, and albatross's measurements if configured. */
    public List<Consumer<List<Sample>>> statistics() {
        return List.copyOf(statistics);
    }

    /** Counts restarts on failure, from the supervisor's events. */
    public void onEvent(Event event) {
        unikernels.onEvent(event);
    }

    /** Pushes what is left and stops. */
    @Override
    public void close() {
        registry.close();
    }
}
