package org.albatross.daemon.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.influx.InfluxMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.albatross.config.DaemonConfig;

/**
 * The daemon's meter registry: Micrometer's InfluxDB registry pushing every step, tagged with {@code host} and bound
 * to the JVM and process binders. Made only when metrics are enabled.
 */
public final class MetricsRegistry implements AutoCloseable {
    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private MetricsRegistry(MeterRegistry registry, String host) {
        this.registry = registry;
        registry.config().commonTags("host", host);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The registry pushing to the InfluxDB that {@code metrics} names; pushing starts at once. */
    public static MetricsRegistry of(DaemonConfig.Metrics metrics) {
        DaemonConfig.InfluxTarget target = metrics.influx().orElseThrow(() -> new IllegalArgumentException(
                "metrics are pushed to an InfluxDB, and none is configured"));
        return new MetricsRegistry(InfluxMeterRegistry.builder(new InfluxTargetConfig(target, metrics.step())).build(),
                metrics.host().orElseGet(MetricsRegistry::hostName));
    }

    public MeterRegistry registry() {
        return registry;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Pushes what is left (the Influx registry does on close) and stops. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
