package org.albatross.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateFileTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 0xA1BA7055L})
    void whatIsWrappedUnwrapsToTheSameBytes(long seed) {
        byte[] state = randomState(seed);

        assertThat(StateStoreTest.stateIn(StateFile.wrap(state))).isEqualTo(state);
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] file = StateFile.wrap(randomState(7));
        for (int length = 0; length < file.length; length++) {
            assertThat(StateFile.unwrap(Arrays.copyOf(file, length))).as("cut at %d", length)
                    .isInstanceOf(StateFile.Damaged.class);
        }
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] file = StateFile.wrap(randomState(11));
        for (int bit = 0; bit < file.length * Byte.SIZE; bit++) {
            byte[] flipped = file.clone();
            flipped[bit / Byte.SIZE] ^= (byte) (1 << (bit % Byte.SIZE));
            assertThat(StateFile.unwrap(flipped)).as("bit %d flipped", bit).isInstanceOf(StateFile.Damaged.class);
        }
    }

    @Test
    void theProblemSaysWhatIsWrong() {
        byte[] file = StateFile.wrap(new byte[] {1, 2, 3});
        byte[] otherVersion = file.clone();
        otherVersion[11] = 9;
        byte[] flipped = file.clone();
        flipped[17] ^= 1;

        assertThat(problem(new byte[0])).contains("does not start with the state file marker");
        assertThat(problem("{\"json\":1}".getBytes())).contains("does not start with the state file marker");
        assertThat(problem(Arrays.copyOf(file, file.length - 1))).contains("torn or truncated");
        assertThat(problem(otherVersion)).contains("format version is 9, this daemon reads versions 1 and 2");
        assertThat(problem(flipped)).contains("CRC-32C").contains("corrupted");
    }

    @Test
    void aStateOfTheFormatThatHeldImagesIsIntactAndSaysSo() {
        byte[] file = StateFile.wrap(new byte[] {1, 2, 3});
        file[11] = 1;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, 0, file.length - 4);
        java.nio.ByteBuffer.wrap(file).putInt(file.length - 4, (int) crc.getValue());

        assertThat(StateFile.unwrap(file)).isEqualTo(new StateFile.Intact(1, 16, 3));
    }

    private static String problem(byte[] file) {
        return ((StateFile.Damaged) StateFile.unwrap(file)).problem();
    }

    private static byte[] randomState(long seed) {
        Random random = new Random(seed);
        byte[] state = new byte[random.nextInt(200)];
        random.nextBytes(state);
        return state;
    }
}
