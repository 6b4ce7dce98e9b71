package org.albatross.daemon.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;
import org.albatross.protocol.Command;

/**
 * The daemon's own meters: commands by kind and outcome with their latency, policy refusals, connections open per
 * endpoint, TLS handshakes by outcome and reason, event-log appends and state saves with their time, console
 * subscribers, and the unikernels by state. Endpoints call it as things happen;
 * {@link #NONE} counts into a registry nobody reads, for daemons built without metrics (tests).
 */
public final class DaemonMeters {
    /** Meters that go nowhere. */
    public static final DaemonMeters NONE = new DaemonMeters(new SimpleMeterRegistry());

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

    public DaemonMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A command was answered after {@code latency}; {@code succeeded} is false for a failure reply. */
    public void commandAnswered(Command command, boolean succeeded, Duration latency) {
        Timer.builder("albatross.commands").tag("kind", kind(command)).tag("outcome", succeeded ? "success" : "failure")
                .register(registry).record(latency);
    }

    /** A command was refused (policy, name, resources): counted by the command's kind. */
    public void refused(Command command) {
        Counter.builder("albatross.refusals").tag("kind", kind(command)).register(registry).increment();
    }

    /** A client connected to {@code endpoint} ("local", "tls"). */
    public void connectionOpened(String endpoint) {
        connections(endpoint).incrementAndGet();
    }

    /** A client of {@code endpoint} went away. */
    public void connectionClosed(String endpoint) {
        connections(endpoint).decrementAndGet();
    }

    /** A TLS handshake ended: {@code reason} is "ok" for a success, else why it failed (e.g. "expired"). */
    public void handshake(boolean succeeded, String reason) {
        Counter.builder("albatross.tls.handshakes").tag("outcome", succeeded ? "success" : "failure")
                .tag("reason", reason).register(registry).increment();
    }

    /** The TLS endpoint turned a peer away, for {@code reason} (e.g. "handshake-timeout"). */
    public void connectionRefused(String reason) {
        Counter.builder("albatross.tls.refusals").tag("reason", reason).register(registry).increment();
    }

    /** An event was appended to the event log, fsync'd, in {@code took}; the timer's count is the appends. */
    public void eventAppended(Duration took) {
        Timer.builder("albatross.events.appends").register(registry).record(took);
    }

    /** The state was saved (encoded, written, fsync'd) in {@code took}. */
    public void stateSaved(Duration took) {
        Timer.builder("albatross.state.saves").register(registry).record(took);
    }

    /** Reports {@code open} as the number of console subscribers. */
    public void consoleSubscribers(IntSupplier open) {
        Gauge.builder("albatross.console.subscribers", open::getAsInt).strongReference(true).register(registry);
    }

    /**
     * Reports what {@code dropped} says of {@code files} as the console lines that did not go to the console files
     * (they stayed in memory); the meter refers to {@code files} weakly, as long as the daemon holds it.
     */
    public <T> void consoleLinesNotWritten(T files, ToLongFunction<T> dropped) {
        FunctionCounter.builder("albatross.console.file.dropped", files, file -> dropped.applyAsLong(file))
                .register(registry);
    }

    /** Reports {@code count} as the number of unikernels in {@code state} ("running", "restarting", "stopped"). */
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
