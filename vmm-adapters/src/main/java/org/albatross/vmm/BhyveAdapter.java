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
 * FreeBSD's bhyve: {@code bhyveload} loads the image, {@code bhyve} runs it with virtio devices and the console
 * on standard output, {@code bhyvectl --destroy} frees the VM afterwards. Its status is bhyve's own: 0 reset,
 * 1 powered off, 2 halted, 3 triple fault, 4 error. The three programs are the operator's ({@code adapters.bhyve.*}).
 */
public final class BhyveAdapter implements VmmAdapter {
    private static final int FIRST_DEVICE_SLOT = 2;

    /** Where bhyve's three programs are on this host. */
    public record Programs(Path bhyve, Path bhyveload, Path bhyvectl) {
        public Programs {
            Objects.requireNonNull(bhyve, "bhyve");
            Objects.requireNonNull(bhyveload, "bhyveload");
            Objects.requireNonNull(bhyvectl, "bhyvectl");
        }
    }

    private final Programs programs;

    public BhyveAdapter(Programs programs) {
        this.programs = Objects.requireNonNull(programs, "programs");
    }

    @Override
    public void admit(UnikernelImage image, UnikernelArguments config) throws ImageRejected {
        if (config.arguments().isPresent() && !config.arguments().get().isEmpty()) {
            throw new ImageRejected("bhyve boots a disk image and passes it no command line; drop the arguments");
        }
    }

    @Override
    public LaunchPlan plan(Name name, UnikernelArguments config, HostResources host) throws LaunchRefused {
        UnikernelDevices devices = UnikernelDevices.resolve(name, config, host);
        String vm = VmName.of(name);
        String memory = config.memoryMb() + "M";
        List<String> command = new ArrayList<>(List.of(programs.bhyve().toString(), "-A", "-H", "-P", "-s",
                "0,hostbridge", "-s", "1,lpc"));
        int slot = FIRST_DEVICE_SLOT;
        for (TapDevice tap : devices.taps()) {
            command.addAll(List.of("-s", slot++ + ",virtio-net," + tap.tap() + ",mac=" + tap.mac()));
        }
        for (BlockFile block : devices.blocks()) {
            command.addAll(List.of("-s", slot++ + ",virtio-blk," + block.file()
                    + block.sectorSize().map(size -> ",sectorsize=" + size).orElse("")));
        }
        command.addAll(List.of("-l", "com1,stdio", "-c", String.valueOf(Math.max(1, config.numCpus())), "-m", memory,
                vm));
        return new LaunchPlan(command, Map.of(), devices.taps(), devices.blocks(), config.cpuIds(), Optional.empty(),
                List.of(List.of(programs.bhyveload().toString(), "-m", memory, "-d", host.image().toString(), vm)),
                List.of(List.of(programs.bhyvectl().toString(), "--destroy", "--vm=" + vm)), ExitEncoding.DIRECT);
    }
}
