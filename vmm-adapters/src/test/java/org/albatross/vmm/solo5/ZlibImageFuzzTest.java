package org.albatross.vmm.solo5;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.albatross.protocol.testing.InputTimeLimit;
import org.albatross.vmm.ImageRejected;

/**
 * Untrusted compressed images: whatever the bytes, inflating gives at most the cap or fails with
 * {@link ImageRejected}. A class of its own because Jazzer fuzzes one test per JVM (docs/fuzzing.md).
 */
class ZlibImageFuzzTest {
    private static final int INFLATE_CAP = 1 << 20;

    @FuzzTest(maxDuration = "60s")
    void inflatesOrRejects(byte[] compressed) throws Exception {
        InputTimeLimit.check(() -> inflate(compressed));
    }

    private static void inflate(byte[] compressed) {
        try {
            assertThat(ZlibImage.inflate(compressed, INFLATE_CAP).length).isLessThanOrEqualTo(INFLATE_CAP);
        } catch (ImageRejected expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
