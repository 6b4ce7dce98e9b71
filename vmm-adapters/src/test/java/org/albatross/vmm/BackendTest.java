package org.albatross.vmm;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.albatross.vmm.solo5.Solo5Fixtures.noteHeaderAt;
import static org.albatross.vmm.solo5.Solo5Fixtures.withInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;

class BackendTest {
    private static final long ABI_NOTE_TYPE = 0x31494241L;

    @Test
    void solo5ImagesGoByTheirTarget() throws ImageRejected {
        assertThat(Backend.forImage(UnikernelType.SOLO5, fixture("hvt-no-devices"))).isEqualTo(Backend.SOLO5_HVT);
        assertThat(Backend.forImage(UnikernelType.SOLO5, fixture("spt-no-devices"))).isEqualTo(Backend.SOLO5_SPT);
        assertThat(Backend.forImage(UnikernelType.SOLO5, fixture("virtio-block-storage"))).isEqualTo(Backend.QEMU);
        assertThat(Backend.forImage(UnikernelType.SOLO5, withTarget(6))).isEqualTo(Backend.XEN);
    }

    @Test
    void aPlainMultibootKernelGoesToQemu() throws ImageRejected {
        assertThat(Backend.forImage(UnikernelType.SOLO5, TestKernel.bytes())).isEqualTo(Backend.QEMU);
    }

    @Test
    void bhyveImagesGoToBhyve() throws ImageRejected {
        assertThat(Backend.forImage(UnikernelType.BHYVE, new byte[] {1, 2, 3})).isEqualTo(Backend.BHYVE);
    }

    @Test
    void refusesTargetsWithoutAnAdapter() {
        assertThatThrownBy(() -> Backend.forImage(UnikernelType.SOLO5, withTarget(4)))
                .isInstanceOf(ImageRejected.class)
                .hasMessage("the image is built for Solo5's muen target, which this daemon cannot run; build it for"
                        + " hvt, spt, virtio or xen");
    }

    @Test
    void refusesWhatIsNotAnImage() {
        assertThatThrownBy(() -> Backend.forImage(UnikernelType.SOLO5, "hello".getBytes()))
                .hasMessageStartingWith("not an ELF file");
    }

    private static byte[] withTarget(int target) {
        byte[] image = fixture("spt-no-devices");
        return withInt(image, noteHeaderAt(image, ABI_NOTE_TYPE) + 20, target);
    }
}
