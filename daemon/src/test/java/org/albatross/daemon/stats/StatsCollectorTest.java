package org.albatross.daemon.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.junit.jupiter.api.Test;

/** Rounds are taken only while someone wants them, and leave out a unikernel that ended since it was listed. */
class StatsCollectorTest {
    private final List<RunningUnikernel> running = List.of(Samples.of("acme:web", 1).unikernel(),
            Samples.of("acme:gone", 1).unikernel());
    private final AtomicInteger sampled = new AtomicInteger();
    private final List<List<Sample>> rounds = new ArrayList<>();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final StatsCollector collector = new StatsCollector(() -> CompletableFuture.completedFuture(running),
            unikernel -> {
                sampled.incrementAndGet();
                if (unikernel.name().label().orElseThrow().value().equals("gone")) {
                    throw new IOException("/proc/4242/stat: no such file");
                }
                return Samples.of(unikernel.name().toString(), 2);
            }, List.of(rounds::add), wanted::get);

    @Test
    void aRoundNobodyWantsReadsNothing() {
        collector.roundIfWanted();

        assertThat(sampled).hasValue(0);
        assertThat(rounds).isEmpty();
    }

    @Test
    void aWantedRoundSamplesWhatRunsAndLeavesOutWhatEnded() {
        wanted.set(true);

        collector.roundIfWanted();

        assertThat(sampled).hasValue(2);
        assertThat(rounds).singleElement().satisfies(round -> assertThat(round)
                .extracting(sample -> sample.unikernel().name().toString()).containsExactly("acme:web"));
    }
}
