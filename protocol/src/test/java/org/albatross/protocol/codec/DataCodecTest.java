package org.albatross.protocol.codec;

import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stream data: statistics, events, console lines, block chunks. */
class DataCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomDataSurvivesTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::data);
    }
}
