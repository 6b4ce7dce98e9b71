package org.albatross.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;

/** The daemon's meters as the dispatcher and the endpoints report to them. */
class MicrometerDaemonMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerDaemonMeters meters = new MicrometerDaemonMeters(registry);

    @Test
    void commandsAreTimedByKindAndOutcome() {
        meters.commandAnswered(new UnikernelCommand.Destroy(), true, Duration.ofMillis(3));
        meters.commandAnswered(new UnikernelCommand.Destroy(), false, Duration.ofMillis(5));
        meters.commandAnswered(new ConsoleCommand.SubscribeCount(5), true, Duration.ofMillis(1));

        assertThat(registry.get("albatross.commands").tag("kind", "unikernel destroy").tag("outcome", "failure")
                .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5);
        assertThat(registry.get("albatross.commands").tag("kind", "console subscribe-count").timer().count())
                .isEqualTo(1);
    }

    @Test
    void refusalsAreCountedByKind() {
        meters.refused(new UnikernelCommand.Destroy());

        assertThat(registry.get("albatross.refusals").tag("kind", "unikernel destroy").counter().count()).isEqualTo(1);
    }

    @Test
    void openConnectionsAreCountedPerEndpoint() {
        meters.connectionOpened("local");
        meters.connectionOpened("local");
        meters.connectionOpened("tls");
        meters.connectionClosed("local");

        assertThat(registry.get("albatross.connections.open").tag("endpoint", "local").gauge().value()).isEqualTo(1);
        assertThat(registry.get("albatross.connections.open").tag("endpoint", "tls").gauge().value()).isEqualTo(1);
    }

    @Test
    void handshakesAreCountedByOutcomeAndReason() {
        meters.handshake(true, "ok");
        meters.handshake(false, "expired");
        meters.handshake(false, "expired");

        assertThat(registry.get("albatross.tls.handshakes").tag("outcome", "failure").tag("reason", "expired")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("albatross.tls.handshakes").tag("outcome", "success").counter().count()).isEqualTo(1);
    }

    @Test
    void unikernelsAreGaugedByState() {
        AtomicInteger stopped = new AtomicInteger(2);
        meters.unikernels("running", () -> 5);
        meters.unikernels("stopped", stopped::get);
        stopped.decrementAndGet();

        assertThat(registry.get("albatross.unikernels").tag("state", "running").gauge().value()).isEqualTo(5);
        assertThat(registry.get("albatross.unikernels").tag("state", "stopped").gauge().value()).isEqualTo(1);
    }
}
