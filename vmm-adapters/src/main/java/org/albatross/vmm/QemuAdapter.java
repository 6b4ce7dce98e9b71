package org.albatross.vmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.vmm.solo5.Solo5Image;
import org.albatross.vmm.solo5.Solo5Target;

/**
 * QEMU booting a multiboot ELF (the test kernel, Solo5's virtio target) with the console on standard output
 * and QEMU's isa-debug-exit device, so that the guest's exit code comes back through QEMU's status.
 */
public final class QemuAdapter implements VmmAdapter {
    private static final byte ELF_CLASS_32 = 1;

    private final Path qemu;
    private final QemuAccelerator accelerator;
    private final HostPlatform platform;

    public QemuAdapter(Path qemu, QemuAccelerator accelerator, HostPlatform platform) {
        this.qemu = Objects.requireNonNull(qemu, "qemu");
        this.accelerator = Objects.requireNonNull(accelerator, "accelerator");
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    /**
     * QEMU's multiboot loader takes 32-bit ELF files only. One with Solo5 notes must be a virtio image
     * declaring exactly the requested devices; one without is a plain multiboot kernel.
     */
    @Override
    public void admit(byte[] image, UnikernelConfig config) throws ImageRejected {
        if (image.length < 5 || image[0] != 0x7f || image[1] != 'E' || image[2] != 'L' || image[3] != 'F'
                || image[4] != ELF_CLASS_32) {
            throw new ImageRejected("QEMU boots 32-bit multiboot ELF images (like the test kernel or a Solo5 virtio"
                    + " image); this image is not one");
        }
        Optional<Solo5Image> solo5 = solo5Notes(image);
        if (solo5.isPresent()) {
            Solo5Target target = solo5.get().abi().target();
            if (target != Solo5Target.VIRTIO) {
                throw new ImageRejected("the image is built for Solo5's " + target.label()
                        + " target; QEMU runs Solo5 virtio images");
            }
            ManifestMatch.require(solo5.get().manifest(), config);
        }
    }

    private static Optional<Solo5Image> solo5Notes(byte[] image) {
        try {
            return Optional.of(Solo5Image.read(image));
        } catch (ImageRejected notSolo5) {
            return Optional.empty();
        }
    }

    @Override
    public LaunchPlan plan(Name name, UnikernelConfig config, HostResources host) throws LaunchRefused {
        UnikernelDevices devices = UnikernelDevices.resolve(name, config, host);
        List<String> command = new ArrayList<>(platform.pinning(config.cpuIds()));
        command.addAll(List.of(qemu.toString(), "-kernel", host.image().toString(), "-m", config.memoryMb() + "M",
                "-smp", String.valueOf(Math.max(1, config.numCpus())), "-accel", accelerator.option(),
                "-display", "none", "-serial", "stdio", "-no-reboot", "-nodefaults",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"));
        for (int i = 0; i < devices.taps().size(); i++) {
            TapDevice tap = devices.taps().get(i);
            command.addAll(List.of("-netdev", "tap,id=net" + i + ",ifname=" + tap.tap() + ",script=no,downscript=no",
                    "-device", "virtio-net-pci,netdev=net" + i + ",mac=" + tap.mac()));
        }
        for (int i = 0; i < devices.blocks().size(); i++) {
            BlockFile block = devices.blocks().get(i);
            String sectors = block.sectorSize().map(size -> ",logical_block_size=" + size + ",physical_block_size="
                    + size).orElse("");
            command.addAll(List.of("-drive", "file=" + optionValue(block.file()) + ",if=none,id=block" + i
                    + ",format=raw", "-device", "virtio-blk-pci,drive=block" + i + sectors));
        }
        List<String> argv = UnikernelArgv.of(name, config);
        if (!argv.isEmpty()) {
            command.addAll(List.of("-append", String.join(" ", argv)));
        }
        return new LaunchPlan(command, Map.of(), devices.taps(), devices.blocks(), config.cpuIds(), Optional.empty(),
                List.of(), List.of(), ExitEncoding.QEMU_DEBUG_EXIT);
    }

    /** QEMU's option syntax separates with commas, so a comma inside a value is written twice. */
    private static String optionValue(Path path) {
        return path.toString().replace(",", ",,");
    }
}
