package org.albatross.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.albatross.daemon.stats.Sample;
import org.albatross.daemon.stats.Samples;
import org.albatross.daemon.supervisor.ConsoleTally;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;
import org.junit.jupiter.api.Test;

/** Per-unikernel meters read the latest sample, carry vm, tenant and adapter, and go with the unikernel. */
class UnikernelMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UnikernelMeters meters = new UnikernelMeters(registry,
            Clock.fixed(Samples.STARTED.plusSeconds(90), ZoneOffset.UTC));

    @Test
    void theGaugesReadTheLatestSampleWithTheUnikernelsTags() {
        meters.accept(List.of(Samples.of("acme:web", 1)));
        meters.accept(List.of(Samples.of("acme:web", 5)));

        assertThat(value("albatross.unikernel.cpu", "mode", "user")).isEqualTo(5.5);
        assertThat(value("albatross.unikernel.memory.resident", "vm", "acme:web")).isEqualTo(5 * 4096);
        assertThat(value("albatross.unikernel.network.bytes", "direction", "vm_to_host")).isEqualTo(5);
        assertThat(value("albatross.unikernel.uptime", "vm", "acme:web")).isEqualTo(90);
        Meter.Id id = registry.get("albatross.unikernel.cpu").tag("mode", "user").gauge().getId();
        assertThat(id.getTag("tenant")).isEqualTo("acme");
        assertThat(id.getTag("adapter")).isEqualTo("qemu");
        assertThat(meters.running()).isEqualTo(1);
    }

    @Test
    void consoleLinesAndBytesAreFunctionCountersOverTheWritersCounts() {
        AtomicLong lines = new AtomicLong(3);
        Sample sample = Samples.of("acme:web", 1);
        RunningUnikernel counted = sample.unikernel();
        meters.accept(List.of(new Sample(new RunningUnikernel(counted.name(), counted.pid(), counted.adapter(),
                counted.taps(), counted.started(), new ConsoleTally(lines::get, () -> 120)), sample.statistics(),
                sample.residentBytes())));
        lines.set(7);

        FunctionCounter consoleLines = registry.get("albatross.unikernel.console.lines").tag("vm", "acme:web")
                .functionCounter();
        assertThat(consoleLines.count()).isEqualTo(7);
        assertThat(consoleLines.getId().getTag("tenant")).isEqualTo("acme");
        assertThat(registry.get("albatross.unikernel.console.bytes").functionCounter().count()).isEqualTo(120);
    }

    @Test
    void restartsAreCountedFromTheSupervisorsEvents() {
        meters.onEvent(new Event.UnikernelRestart(Name.parse("acme:web")));
        meters.onEvent(new Event.UnikernelRestart(Name.parse("acme:web")));
        meters.accept(List.of(Samples.of("acme:web", 1)));

        assertThat(value("albatross.unikernel.restarts", "vm", "acme:web")).isEqualTo(2);
    }

    @Test
    void aUnikernelNoLongerSampledLosesItsMeters() {
        meters.accept(List.of(Samples.of("acme:web", 1), Samples.of("db", 1)));
        meters.accept(List.of(Samples.of("db", 2)));

        assertThat(registry.find("albatross.unikernel.cpu").tag("vm", "acme:web").gauges()).isEmpty();
        assertThat(registry.get("albatross.unikernel.cpu").tag("vm", ":db").tag("tenant", "/").gauges()).hasSize(2);
        assertThat(meters.running()).isEqualTo(1);
    }

    @Test
    void anInterfaceOnAnotherBridgeAfterARestartIsMeteredUnderItsNewName() {
        meters.accept(List.of(Samples.of("acme:web", 1, "service")));
        meters.accept(List.of(Samples.of("acme:web", 1, "backend")));

        assertThat(registry.find("albatross.unikernel.network.bytes").tag("interface", "service").gauges()).isEmpty();
        assertThat(registry.get("albatross.unikernel.network.bytes").tag("interface", "backend").gauges()).hasSize(2);
    }

    private double value(String meter, String tag, String tagValue) {
        return registry.get(meter).tag(tag, tagValue).gauge().value();
    }
}
