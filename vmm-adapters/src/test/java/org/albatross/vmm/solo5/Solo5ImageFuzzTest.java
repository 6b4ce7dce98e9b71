package org.albatross.vmm.solo5;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.albatross.protocol.testing.InputTimeLimit;
import org.albatross.vmm.ImageRejected;

/**
 * Untrusted images: whatever the bytes, reading either succeeds or fails with {@link ImageRejected}, never
 * another exception. Seeds: a hand-made 396-byte spt image with a "storage" block device in
 * Solo5ImageFuzzTestInputs/, and the build's compiled fixtures (src/test/solo5-fixtures/), which the build copies
 * beside it into target/test-classes. {@code JAZZER_FUZZ=1} fuzzes from them; the verify build fuzzes it for
 * 100,000 inputs (docs/fuzzing.md).
 */
class Solo5ImageFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readsOrRejects(byte[] image) throws Exception {
        InputTimeLimit.check(() -> read(image));
    }

    private static void read(byte[] image) {
        try {
            Solo5Image read = Solo5Image.read(image);
            assertThat(read.manifest().devices()).hasSizeLessThan(Solo5Image.MAX_ENTRIES);
        } catch (ImageRejected expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
