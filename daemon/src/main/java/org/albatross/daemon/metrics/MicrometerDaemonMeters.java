package org.albatross.daemon.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.albatross.protocol.Command;

/** The daemon's meters in a Micrometer registry, under the names docs/metrics.md lists. */
public final class MicrometerDaemonMeters implements DaemonMeters {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

    public MicrometerDaemonMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void commandAnswered(Command command, boolean succeeded, Duration latency) {
        Timer.builder("albatross.commands").tag("kind", kind(command)).tag("outcome", succeeded ? "success" : "failure")
                .register(registry).record(latency);
    }

    @Override
    public void refused(Command command) {
        Counter.builder("albatross.refusals").tag("kind", kind(command)).register(registry).increment();
    }

    @Override
    public void connectionOpened(String endpoint) {
        connections(endpoint).incrementAndGet();
    }

    @Override
    public void connectionClosed(String endpoint) {
        connections(endpoint).decrementAndGet();
    }

    @Override
    public void handshake(boolean succeeded, String reason) {
        Counter.builder("albatross.tls.handshakes").tag("outcome", succeeded ? "success" : "failure")
                .tag("reason", reason).register(registry).increment();
    }

    @Override
    public void connectionRefused(String reason) {
        Counter.builder("albatross.tls.refusals").tag("reason", reason).register(registry).increment();
    }

    @Override
    public void eventAppended(Duration took) {
        Timer.builder("albatross.events.appends").register(registry).record(took);
    }

    @Override
    public void stateSaved(Duration took) {
        Timer.builder("albatross.state.saves").register(registry).record(took);
    }

    @Override
    public void consoleSubscribers(IntSupplier open) {
        Gauge.builder("albatross.console.subscribers", open::getAsInt).strongReference(true).register(registry);
    }

    @Override
    public void unikernels(String state, IntSupplier count) {
        Gauge.builder("albatross.unikernels", count::getAsInt).tag("state", state).strongReference(true)
                .register(registry);
    }

    private AtomicInteger connections(String endpoint) {
        return connections.computeIfAbsent(endpoint, name -> {
            AtomicInteger open = new AtomicInteger();
            Gauge.builder("albatross.connections.open", open, AtomicInteger::get).tag("endpoint", name)
                    .register(registry);
            return open;
        });
    }

    /** "unikernel create", "console subscribe": the command's family and kind, as the CLI spells them. */
    static String kind(Command command) {
        Class<?> type = command.getClass();
        String family = type.getInterfaces().length > 0 ? type.getInterfaces()[0].getSimpleName()
                .replace("Command", "").toLowerCase() : "";
        return (family + " " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase()).trim();
    }
}
