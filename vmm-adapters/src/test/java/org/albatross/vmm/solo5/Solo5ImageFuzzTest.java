package org.albatross.vmm.solo5;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.albatross.vmm.ImageRejected;

/**
 * Untrusted images: whatever the bytes, reading either succeeds or fails with {@link ImageRejected}, never
 * another exception. Seeds (a hand-made 396-byte spt image with a "storage" block device) are in
 * Solo5ImageFuzzTestInputs/; {@code JAZZER_FUZZ=1} fuzzes from them.
 */
class Solo5ImageFuzzTest {
    private static final int INFLATE_CAP = 1 << 20;

    @FuzzTest(maxDuration = "60s")
    void readsOrRejects(byte[] image) {
        try {
            Solo5Image read = Solo5Image.read(image);
            assertThat(read.manifest().devices()).hasSizeLessThan(Solo5Image.MAX_ENTRIES);
        } catch (ImageRejected expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void inflatesOrRejects(byte[] compressed) {
        try {
            assertThat(ZlibImage.inflate(compressed, INFLATE_CAP).length).isLessThanOrEqualTo(INFLATE_CAP);
        } catch (ImageRejected expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
