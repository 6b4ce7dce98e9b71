package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.testing.InputTimeLimit;

/**
 * Jazzer fuzz test of albatross's state reader: a file the daemon finds in a dbdir it is asked to import. Only a
 * {@link ProtocolError} may come out, and what decodes in the current form encodes back to a state that decodes the
 * same. The verify build fuzzes it for 100,000 inputs (docs/fuzzing.md).
 */
class AlbatrossStateFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readingAStateRaisesOnlyProtocolError(byte[] input) throws Exception {
        InputTimeLimit.check(() -> read(input));
    }

    private static void read(byte[] input) {
        try {
            AlbatrossState state = AlbatrossStateCodec.decode(ByteBuffer.wrap(input));
            if (state.form() == AlbatrossState.Form.V5_WITH_POLICIES) {
                AlbatrossState again = AlbatrossStateCodec.decode(ByteBuffer.wrap(AlbatrossStateCodec.encode(state)));
                assertThat(again.unikernels()).containsExactlyInAnyOrderElementsOf(state.unikernels());
                assertThat(again.policies()).isEqualTo(state.policies());
            }
        } catch (ProtocolError refused) {
            // the one error the reader may raise
        }
    }
}
