package org.albatross.vmm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The project's own test kernel (vmm-adapters/src/main/kernel/, arguments in docs/test-kernel.md): a
 * 32-bit multiboot ELF that QEMU boots directly, shipped as a classpath resource.
 */
public final class TestKernel {
    private static final String RESOURCE = "test-kernel.elf";

    private TestKernel() {
    }

    /** The kernel image's bytes. */
    public static byte[] bytes() {
        try (InputStream in = TestKernel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the test kernel is missing from the classpath (org/albatross/vmm/"
                        + RESOURCE + "); the vmm-adapters build assembles it with as and ld: run scripts/setup.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test kernel from the classpath", e);
        }
    }
}
