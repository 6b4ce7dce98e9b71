package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatsCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomStatsCommandsSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::statsCommand);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomStatisticsSamplesSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, random -> new org.albatross.protocol.Data.StatisticsSample(random.statistics()));
    }

    @Test
    void addCarriesTheTapsInOrder() {
        StatsCommand.Add add = new StatsCommand.Add("solo5-1234", 1234,
                List.of(new StatsCommand.Tap("br1", "tap1"), new StatsCommand.Tap("br0", "tap0")));

        Wire decoded = WireCodec.decode(WireCodec.encode(new Wire(new Header(0, Name.parse("foo")), add)));

        assertThat(((StatsCommand.Add) decoded.payload()).taps()).extracting(StatsCommand.Tap::tap)
                .containsExactly("tap1", "tap0");
    }
}
