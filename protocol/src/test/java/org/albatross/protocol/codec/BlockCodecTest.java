package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlockCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomBlockCommandsSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::blockCommand);
    }

    @Test
    void theOlderDumpTagIsReadAsDump() {
        assertThat(WireCodec.decode(Malformed.command(5, Der.explicit(5, Der.integer(4)))).payload())
                .isEqualTo(new BlockCommand.Dump(4));
    }
}
