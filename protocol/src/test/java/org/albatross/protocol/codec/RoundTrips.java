package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.stream.LongStream;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.RandomMessages;

/**
 * Round trips of generated messages. The seeds are fixed, plus one fresh per run (printed in the test name; set
 * {@code -Dprotocol.seed=N} to replay it).
 */
final class RoundTrips {
    static final int MESSAGES_PER_SEED = 100;

    private RoundTrips() {
    }

    static LongStream seeds() {
        long fresh = Long.getLong("protocol.seed", System.nanoTime());
        return LongStream.concat(LongStream.rangeClosed(1, 8), LongStream.of(fresh));
    }

    /** decode(encode(m)) == m, and encoding is deterministic, for generated payloads under random headers. */
    static void assertRoundTrips(long seed, Function<RandomMessages, ? extends Payload> payloads) {
        RandomMessages random = new RandomMessages(seed);
        for (int i = 0; i < MESSAGES_PER_SEED; i++) {
            Wire wire = new Wire(random.header(), payloads.apply(random));
            byte[] bytes = WireCodec.encode(wire);
            Wire decoded = WireCodec.decode(bytes);
            assertThat(decoded).as("seed %d, message %d", seed, i).isEqualTo(wire);
            assertThat(WireCodec.encode(decoded)).as("seed %d, message %d re-encoded", seed, i).isEqualTo(bytes);
        }
    }
}
