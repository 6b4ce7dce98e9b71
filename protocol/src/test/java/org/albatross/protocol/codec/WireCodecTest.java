package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.albatross.protocol.CertificateCommand;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;
import org.albatross.protocol.Wire;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The header and the X.509 extension value. */
class WireCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomMessagesOfEveryKindSurviveTheRoundTrip(long seed) {
        RoundTrips.assertRoundTrips(seed, RandomMessages::payload);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomExtensionValuesSurviveTheRoundTrip(long seed) {
        RandomMessages random = new RandomMessages(seed);
        for (int i = 0; i < RoundTrips.MESSAGES_PER_SEED; i++) {
            CertificateCommand extension = new CertificateCommand(random.command());
            assertThat(WireCodec.decodeExtension(WireCodec.encodeExtension(extension)))
                    .as("seed %d, extension %d", seed, i).isEqualTo(extension);
        }
    }

    @Test
    void theSequenceNumberIsAnUnsignedLookingInt64() {
        Wire wire = new Wire(new Header(-1, Name.parse("foo")), new Success.Empty());

        byte[] bytes = WireCodec.encode(wire);

        assertThat(java.util.HexFormat.of().formatHex(bytes)).contains("0408ffffffffffffffff");
        assertThat(WireCodec.decode(bytes).header().sequence()).isEqualTo(-1);
    }

    @Test
    void aReplyEchoesTheRequestHeader() {
        Wire request = new Wire(new Header(42, Name.parse("foo:bar")), new org.albatross.protocol.UnikernelCommand.Info());

        assertThat(request.reply(new Success.Empty()).header()).isEqualTo(request.header());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void aMessageReadInPlaceFromDirectMemoryKeepsNothingOfIt(long seed) {
        RandomMessages random = new RandomMessages(seed);
        for (int i = 0; i < RoundTrips.MESSAGES_PER_SEED; i++) {
            Wire wire = random.wire();
            byte[] bytes = WireCodec.encode(wire);
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 2).position(1);
            direct.put(bytes).flip().position(1);

            Wire decoded = WireCodec.decode(direct);
            // the buffer reused for the next message, as a freed socket buffer would be
            direct.clear();
            while (direct.hasRemaining()) {
                direct.put((byte) 0x5A);
            }

            assertThat(decoded).as("seed %d, message %d", seed, i).isEqualTo(wire);
        }
    }
}
