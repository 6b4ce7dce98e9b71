package org.albatross.vmm;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.albatross.vmm.solo5.Solo5Fixtures.noteHeaderAt;
import static org.albatross.vmm.solo5.Solo5Fixtures.withInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnikernelImageTest {
    private static final long ABI_NOTE_TYPE = 0x31494241L;

    @Test
    void solo5ImagesGoByTheirTarget() throws ImageRejected {
        assertThat(backend(UnikernelType.SOLO5, fixture("hvt-no-devices"))).isEqualTo(Backend.SOLO5_HVT);
        assertThat(backend(UnikernelType.SOLO5, fixture("spt-no-devices"))).isEqualTo(Backend.SOLO5_SPT);
        assertThat(backend(UnikernelType.SOLO5, fixture("virtio-block-storage"))).isEqualTo(Backend.QEMU);
        assertThat(backend(UnikernelType.SOLO5, withTarget(6))).isEqualTo(Backend.XEN);
    }

    @Test
    void aPlainMultibootKernelGoesToQemu() throws ImageRejected {
        assertThat(backend(UnikernelType.SOLO5, TestKernel.bytes())).isEqualTo(Backend.QEMU);
    }

    @Test
    void bhyveImagesGoToBhyve() throws ImageRejected {
        assertThat(backend(UnikernelType.BHYVE, new byte[] {1, 2, 3})).isEqualTo(Backend.BHYVE);
    }

    @Test
    void refusesTargetsWithoutAnAdapter() {
        assertThatThrownBy(() -> backend(UnikernelType.SOLO5, withTarget(4)))
                .isInstanceOf(ImageRejected.class)
                .hasMessage("the image is built for Solo5's muen target, which this daemon cannot run; build it for"
                        + " hvt, spt, virtio or xen");
    }

    @Test
    void refusesWhatIsNotAnImage() {
        assertThatThrownBy(() -> backend(UnikernelType.SOLO5, "hello".getBytes()))
                .hasMessageStartingWith("not an ELF file");
    }

    @Test
    void refusesAVirtioImageQemuCannotLoad() {
        byte[] elf64 = fixture("virtio-block-storage").clone();
        elf64[4] = 2;
        assertThatThrownBy(() -> backend(UnikernelType.SOLO5, elf64)).isInstanceOf(ImageRejected.class);
    }

    @Test
    void readsAnImageFileWithoutLoadingIt(@TempDir Path directory) throws IOException, ImageRejected {
        Path file = Files.write(directory.resolve("image"), fixture("spt-no-devices"));
        UnikernelImage image = UnikernelImage.read(UnikernelType.SOLO5, file);
        assertThat(image.backend()).isEqualTo(Backend.SOLO5_SPT);
        assertThat(image.file()).isEqualTo(file);
        assertThat(image.solo5()).isPresent();
    }

    private static Backend backend(UnikernelType type, byte[] image) throws ImageRejected {
        return Unikernels.image(type, image).backend();
    }

    private static byte[] withTarget(int target) {
        byte[] image = fixture("spt-no-devices");
        return withInt(image, noteHeaderAt(image, ABI_NOTE_TYPE) + 20, target);
    }
}
