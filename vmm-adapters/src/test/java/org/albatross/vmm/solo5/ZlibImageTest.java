package org.albatross.vmm.solo5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.albatross.vmm.ImageRejected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** zlib images as albatross sends them: what is deflated inflates back, and never beyond the cap. */
class ZlibImageTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 1_000_003})
    void aDeflatedImageInflatesToTheSameBytesAtEveryLevel(long seed) throws ImageRejected {
        System.out.println("ZlibImageTest seed " + seed);
        Random random = new Random(seed);
        byte[] image = new byte[random.nextInt(200_000)];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : 'a');
        }
        for (int level = 1; level <= 10; level++) {
            byte[] compressed = ZlibImage.deflate(image, level);

            assertThat(ZlibImage.inflate(compressed, image.length)).as("level " + level).isEqualTo(image);
        }
    }

    @ParameterizedTest(name = "cap {0}")
    @ValueSource(longs = {0, 1000, 99_999})
    void anImageBeyondTheCapIsRefusedNamingTheLimit(long cap) {
        byte[] compressed = ZlibImage.deflate(new byte[100_000], 9);

        assertThatThrownBy(() -> ZlibImage.inflate(compressed, cap)).isInstanceOf(ImageRejected.class)
                .hasMessageContaining("more than the limit of " + cap + " bytes");
    }
}
