package org.albatross.protocol.codec;

import org.albatross.protocol.Failure;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Success and failure replies. */
class SuccessCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomSuccessRepliesSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::success);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomFailureRepliesSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, random -> new Failure(random.text()));
    }
}
