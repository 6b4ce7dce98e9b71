package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.InputTimeLimit;

/**
 * Jazzer fuzz test of the decoders. In a normal run it replays the seed corpus in
 * src/test/resources/org/albatross/protocol/codec/WireDecoderFuzzTestInputs/ (written by {@code SeedCorpus}); with
 * JAZZER_FUZZ=1 it fuzzes; the verify build fuzzes it for 100,000 inputs (docs/fuzzing.md).
 */
class WireDecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodingRaisesOnlyProtocolErrorAndWhatDecodesRoundTrips(byte[] input) throws Exception {
        InputTimeLimit.check(() -> decode(input));
    }

    private static void decode(byte[] input) {
        try {
            Wire wire = WireCodec.decode(input);
            assertThat(WireCodec.decode(WireCodec.encode(wire))).isEqualTo(wire);
        } catch (ProtocolError refused) {
            // the one error the codec may raise
        }
        try {
            WireCodec.decodeExtension(input);
        } catch (ProtocolError refused) {
            // the one error the codec may raise
        }
    }
}
