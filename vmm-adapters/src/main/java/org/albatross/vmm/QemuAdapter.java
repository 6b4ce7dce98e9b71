package org.albatross.vmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelArguments;

/**
 * QEMU booting a multiboot ELF (the test kernel, Solo5's virtio target) with the console on standard output
 * and QEMU's isa-debug-exit device, so that the guest's exit code comes back through QEMU's status.
 */
public final class QemuAdapter implements VmmAdapter {
    private final Path qemu;
    private final QemuAccelerator accelerator;

    public QemuAdapter(Path qemu, QemuAccelerator accelerator) {
        this.qemu = Objects.requireNonNull(qemu, "qemu");
        this.accelerator = Objects.requireNonNull(accelerator, "accelerator");
    }

    /**
     * The image was decided to be a 32-bit multiboot ELF ({@link UnikernelImage}): one with Solo5 notes is a virtio
     * image and must declare exactly the requested devices; one without is a plain multiboot kernel.
     */
    @Override
    public void admit(UnikernelImage image, UnikernelArguments config) throws ImageRejected {
        if (image.backend() != Backend.QEMU) {
            throw new ImageRejected("QEMU boots 32-bit multiboot ELF images (like the test kernel or a Solo5 virtio"
                    + " image); this image is built for " + image.target());
        }
        if (image.solo5().isPresent()) {
            ManifestMatch.require(image.solo5().get().manifest(), config);
        }
    }

    @Override
    public LaunchPlan plan(Name name, UnikernelArguments config, HostResources host) throws LaunchRefused {
        UnikernelDevices devices = UnikernelDevices.resolve(name, config, host);
        List<String> command = new ArrayList<>(List.of(qemu.toString(), "-kernel", host.image().toString(), "-m",
                config.memoryMb() + "M", "-smp", String.valueOf(Math.max(1, config.numCpus())), "-accel",
                accelerator.option(),
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
