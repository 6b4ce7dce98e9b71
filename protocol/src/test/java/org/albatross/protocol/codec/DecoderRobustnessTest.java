package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random byte strings and random mutations of valid encodings: the decoders either decode them or raise
 * {@link ProtocolError}, nothing else. Each seed runs a fixed number of inputs of bounded size (over 100,000 in
 * all), so the run time is bounded by construction.
 */
class DecoderRobustnessTest {
    private static final int RANDOM_INPUTS_PER_SEED = 6_000;
    private static final int MUTATIONS_PER_SEED = 7_000;
    private static final int MUTATIONS_PER_MESSAGE = 10;
    private static final int MAX_RANDOM_LENGTH = 200;

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void randomBytesRaiseOnlyTheCodecsError(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < RANDOM_INPUTS_PER_SEED; i++) {
            byte[] input = new byte[random.nextInt(MAX_RANDOM_LENGTH)];
            random.nextBytes(input);
            if (input.length > 0 && random.nextBoolean()) {
                input[0] = 0x30;
            }
            assertDecodesOrRefuses(seed, input);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.albatross.protocol.codec.RoundTrips#seeds")
    void mutatedEncodingsRaiseOnlyTheCodecsError(long seed) {
        Random random = new Random(seed);
        RandomMessages messages = new RandomMessages(seed);
        byte[] valid = WireCodec.encode(messages.wire());
        for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
            if (i % MUTATIONS_PER_MESSAGE == 0) {
                valid = WireCodec.encode(messages.wire());
            }
            assertDecodesOrRefuses(seed, mutate(valid, random));
        }
    }

    /** One of: flip bits of a byte, set a byte to a boundary value, cut, duplicate a range, or drop a range. */
    static byte[] mutate(byte[] valid, Random random) {
        byte[] input = valid.clone();
        int position = random.nextInt(input.length);
        switch (random.nextInt(5)) {
            case 0 -> input[position] ^= (byte) (1 << random.nextInt(8));
            case 1 -> input[position] = (byte) new int[] {0x00, 0x7F, 0x80, 0x81, 0x84, 0xFF}[random.nextInt(6)];
            case 2 -> input = Arrays.copyOf(input, position);
            case 3 -> {
                int length = random.nextInt(input.length - position) + 1;
                byte[] longer = Arrays.copyOf(input, input.length + length);
                System.arraycopy(input, position, longer, position + length, input.length - position);
                input = longer;
            }
            default -> {
                int length = random.nextInt(input.length - position) + 1;
                byte[] shorter = new byte[input.length - length];
                System.arraycopy(input, 0, shorter, 0, position);
                System.arraycopy(input, position + length, shorter, position, input.length - position - length);
                input = shorter;
            }
        }
        return input;
    }

    private static void assertDecodesOrRefuses(long seed, byte[] input) {
        attempt(seed, input, bytes -> {
            var wire = WireCodec.decode(bytes);
            if (!WireCodec.decode(WireCodec.encode(wire)).equals(wire)) {
                fail("seed " + seed + ": input " + HexFormat.of().formatHex(bytes) + " decoded to " + wire
                        + ", which does not survive a round trip");
            }
        });
        attempt(seed, input, WireCodec::decodeExtension);
    }

    private static void attempt(long seed, byte[] input, Consumer<byte[]> decoding) {
        try {
            decoding.accept(input);
        } catch (ProtocolError expected) {
            // the one error the codec may raise
        } catch (RuntimeException | StackOverflowError e) {
            fail("seed " + seed + ": input " + HexFormat.of().formatHex(input) + " raised " + e, e);
        }
    }
}
