package org.albatross.daemon.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.albatross.daemon.stats.Sample;
import org.albatross.daemon.supervisor.ConsoleTally;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;
import org.albatross.protocol.Statistics;

/**
 * Per-unikernel meters, tagged {@code vm} (full name), {@code tenant}, {@code adapter} (and {@code host}, common to
 * all meters): gauges that read the latest statistics sample, so that InfluxDB gets the cumulative counters as the
 * kernel keeps them. A unikernel's meters go when it is no longer sampled.
 */
public final class UnikernelMeters implements Consumer<List<Sample>> {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Name, Tracked> tracked = new HashMap<>();
    private final Map<Name, AtomicLong> restarts = new ConcurrentHashMap<>();

    public UnikernelMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Counts restarts on failure, from the supervisor's events. */
    public void onEvent(Event event) {
        if (event instanceof Event.UnikernelRestart restart) {
            restarts.computeIfAbsent(restart.name(), ignored -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public synchronized void accept(List<Sample> round) {
        Set<Name> sampled = new HashSet<>();
        for (Sample sample : round) {
            Name name = sample.unikernel().name();
            sampled.add(name);
            Tracked current = tracked.get(name);
            if (current == null || !current.interfaces.equals(interfaces(sample))) {
                if (current != null) {
                    current.meters.forEach(registry::remove);
                }
                tracked.put(name, register(sample));
            } else {
                current.latest.set(sample);
            }
        }
        tracked.keySet().removeIf(name -> {
            if (sampled.contains(name)) {
                return false;
            }
            tracked.get(name).meters.forEach(registry::remove);
            return true;
        });
    }

    /** How many unikernels were in the last round. */
    public synchronized int running() {
        return tracked.size();
    }

    private static List<String> interfaces(Sample sample) {
        return sample.statistics().interfaces().stream().map(Statistics.InterfaceData::bridge).toList();
    }

    private Tracked register(Sample first) {
        AtomicReference<Sample> latest = new AtomicReference<>(first);
        Name name = first.unikernel().name();
        Tags tags = Tags.of("vm", name.toString(), "tenant", Tenant.of(name), "adapter",
                adapter(first.unikernel().adapter()));
        List<Meter> meters = new ArrayList<>();
        Registrar gauges = (meter, extra, unit, value) -> meters.add(Gauge.builder(meter, latest,
                        reference -> value.applyAsDouble(reference.get()))
                .tags(tags).tags(extra).baseUnit(unit).strongReference(true).register(registry));
        gauges.add("albatross.unikernel.cpu", Tags.of("mode", "user"), "seconds",
                sample -> seconds(sample.statistics().rusage().utime()));
        gauges.add("albatross.unikernel.cpu", Tags.of("mode", "system"), "seconds",
                sample -> seconds(sample.statistics().rusage().stime()));
        gauges.add("albatross.unikernel.memory.resident", Tags.empty(), "bytes", Sample::residentBytes);
        gauges.add("albatross.unikernel.page.faults", Tags.of("kind", "minor"), "faults",
                sample -> sample.statistics().rusage().minflt());
        gauges.add("albatross.unikernel.page.faults", Tags.of("kind", "major"), "faults",
                sample -> sample.statistics().rusage().majflt());
        gauges.add("albatross.unikernel.context.switches", Tags.of("kind", "voluntary"), "switches",
                sample -> sample.statistics().rusage().nvcsw());
        gauges.add("albatross.unikernel.context.switches", Tags.of("kind", "involuntary"), "switches",
                sample -> sample.statistics().rusage().nivcsw());
        gauges.add("albatross.unikernel.uptime", Tags.empty(), "seconds",
                sample -> Duration.between(sample.unikernel().started(), clock.instant()).toMillis() / 1000.0);
        gauges.add("albatross.unikernel.restarts", Tags.empty(), "restarts",
                sample -> restarts.getOrDefault(name, new AtomicLong()).get());
        ConsoleTally console = first.unikernel().console();
        meters.add(FunctionCounter.builder("albatross.unikernel.console.lines", console,
                tally -> tally.lines().getAsLong()).tags(tags).baseUnit("lines").register(registry));
        meters.add(FunctionCounter.builder("albatross.unikernel.console.bytes", console,
                tally -> tally.bytes().getAsLong()).tags(tags).baseUnit("bytes").register(registry));
        List<Statistics.InterfaceData> interfaces = first.statistics().interfaces();
        for (int i = 0; i < interfaces.size(); i++) {
            int index = i;
            for (Direction direction : Direction.values()) {
                Tags sideTags = Tags.of("interface", interfaces.get(i).bridge(), "direction", direction.tag);
                direction.counters.forEach((meter, counter) -> gauges.add(meter, sideTags,
                        meter.endsWith("bytes") ? "bytes" : "packets",
                        sample -> counter.applyAsLong(at(sample, index))));
            }
        }
        return new Tracked(latest, interfaces(first), meters);
    }

    /** "QemuAdapter" as "qemu": the adapter as the configuration names it. */
    private static String adapter(String adapter) {
        return adapter.replaceFirst("Adapter$", "").toLowerCase(Locale.ROOT);
    }

    private static Statistics.InterfaceData at(Sample sample, int index) {
        return sample.statistics().interfaces().get(index);
    }

    private static double seconds(Statistics.Timeval time) {
        return time.seconds() + time.microseconds() / 1e6;
    }

    /** A tap's two sides: its receive side is what the unikernel sent. */
    private enum Direction {
        VM_TO_HOST("vm_to_host", Statistics.InterfaceData::inputBytes, Statistics.InterfaceData::inputPackets,
                Statistics.InterfaceData::inputErrors, Statistics.InterfaceData::inputDropped),
        HOST_TO_VM("host_to_vm", Statistics.InterfaceData::outputBytes, Statistics.InterfaceData::outputPackets,
                Statistics.InterfaceData::outputErrors, Statistics.InterfaceData::outputDropped);

        final String tag;
        final Map<String, ToLongFunction<Statistics.InterfaceData>> counters;

        Direction(String tag, ToLongFunction<Statistics.InterfaceData> bytes,
                ToLongFunction<Statistics.InterfaceData> packets, ToLongFunction<Statistics.InterfaceData> errors,
                ToLongFunction<Statistics.InterfaceData> drops) {
            this.tag = tag;
            this.counters = Map.of("albatross.unikernel.network.bytes", bytes,
                    "albatross.unikernel.network.packets", packets, "albatross.unikernel.network.errors", errors,
                    "albatross.unikernel.network.drops", drops);
        }
    }

    @FunctionalInterface
    private interface Registrar {
        void add(String meter, Tags extra, String unit, ToDoubleFunction<Sample> value);
    }

    private record Tracked(AtomicReference<Sample> latest, List<String> interfaces, List<Meter> meters) {
    }
}
