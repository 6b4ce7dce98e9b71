package org.albatross.vmm;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockAttachment;
import org.junit.jupiter.api.Test;

class QemuAdapterTest {
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    private final QemuAdapter tcg = new QemuAdapter(QEMU, QemuAccelerator.TCG);

    @Test
    void plansTheSmallestLaunch() throws LaunchRefused {
        LaunchPlan plan = tcg.plan(Unikernels.NAME, Unikernels.minimal(), Unikernels.bareHost());

        assertThat(plan.command()).containsExactly("/usr/bin/qemu-system-x86_64", "-kernel",
                "/run/albatross/foo_web.img", "-m", "64M", "-smp", "1", "-accel", "tcg", "-display", "none",
                "-serial", "stdio", "-no-reboot", "-nodefaults", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
        assertThat(plan.exitEncoding()).isEqualTo(ExitEncoding.QEMU_DEBUG_EXIT);
    }

    @Test
    void plansEveryOption() throws LaunchRefused {
        QemuAdapter kvm = new QemuAdapter(QEMU, QemuAccelerator.KVM);

        assertThat(kvm.plan(Unikernels.NAME, Unikernels.full(), Unikernels.fullHost()).command()).containsExactly(
                "/usr/bin/qemu-system-x86_64", "-kernel", "/run/albatross/foo_web.img",
                "-m", "64M", "-smp", "2", "-accel", "kvm", "-display", "none", "-serial", "stdio", "-no-reboot",
                "-nodefaults", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-netdev", "tap,id=net0,ifname=vmmtap0,script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=net0,mac=02:00:00:00:00:01",
                "-netdev", "tap,id=net1,ifname=vmmtap1,script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=net1,mac=" + Unikernels.SERVICE1_DEFAULT_MAC,
                "-drive", "file=/var/lib/albatross/block/data,if=none,id=block0,format=raw",
                "-device", "virtio-blk-pci,drive=block0",
                "-drive", "file=/var/lib/albatross/block/storage,if=none,id=block1,format=raw",
                "-device", "virtio-blk-pci,drive=block1,logical_block_size=4096,physical_block_size=4096",
                "-append", "--name=web -l *:debug");
    }

    @Test
    void doublesCommasInFileNames() throws LaunchRefused {
        var config = Unikernels.config(Set.of(), Set.of(BlockAttachment.named("data")), Optional.empty(), false,
                Set.of(), 1);
        var host = new HostResources(Unikernels.IMAGE, Unikernels.RUN, Map.of(), Map.of("data", Path.of("/a,b")));

        assertThat(tcg.plan(Unikernels.NAME, config, host).command())
                .contains("file=/a,,b,if=none,id=block0,format=raw");
    }

    @Test
    void admitsAPlainMultibootKernel() {
        assertThatNoException().isThrownBy(() -> tcg.admit(Unikernels.image(TestKernel.bytes()), Unikernels.minimal()));
    }

    @Test
    void admitsAVirtioImageRequestingItsDevices() {
        var config = Unikernels.config(Set.of(), Set.of(BlockAttachment.named("storage")), Optional.empty(), false,
                Set.of(), 1);

        assertThatNoException().isThrownBy(() -> tcg.admit(Unikernels.image(fixture("virtio-block-storage")), config));
    }

    @Test
    void refusesAVirtioImageRequestingOtherDevices() {
        assertThatThrownBy(() -> tcg.admit(Unikernels.image(fixture("virtio-block-storage")), Unikernels.minimal()))
                .isInstanceOf(ImageRejected.class)
                .hasMessage("the requested block devices [] differ from the image's manifest, which declares block"
                        + " \"storage\"; request exactly the declared devices");
    }

    @Test
    void refusesA64BitSolo5Image() {
        assertThatThrownBy(() -> tcg.admit(Unikernels.image(fixture("hvt-no-devices")), Unikernels.minimal()))
                .isInstanceOf(ImageRejected.class).hasMessageStartingWith("QEMU boots 32-bit multiboot ELF images");
    }

    @Test
    void choosesTheAccelerator() {
        assertThat(QemuAccelerator.choose("auto", true)).isEqualTo(QemuAccelerator.KVM);
        assertThat(QemuAccelerator.choose("auto", false)).isEqualTo(QemuAccelerator.TCG);
        assertThat(QemuAccelerator.choose("KVM", false)).isEqualTo(QemuAccelerator.KVM);
        assertThat(QemuAccelerator.choose("tcg", true)).isEqualTo(QemuAccelerator.TCG);
        assertThatThrownBy(() -> QemuAccelerator.choose("hvf", true))
                .hasMessage("unknown QEMU accelerator \"hvf\": use auto, kvm or tcg");
    }
}
