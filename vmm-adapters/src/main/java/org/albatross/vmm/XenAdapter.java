package org.albatross.vmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.UnikernelArguments;

/**
 * Xen: an {@code xl} PVH domain configuration written to the run directory and started with
 * {@code xl create -c}, which stays attached to the console; {@code xl destroy} removes the domain
 * afterwards. Xen makes its own vifs on the bridges, so no taps are needed; CPU pinning is the domain's
 * {@code cpus}. The status is xl's, not the unikernel's. {@code xl} is the operator's ({@code adapters.xen.xl}).
 */
public final class XenAdapter implements VmmAdapter {
    private final Path xl;

    public XenAdapter(Path xl) {
        this.xl = Objects.requireNonNull(xl, "xl");
    }

    @Override
    public void admit(UnikernelImage image, UnikernelArguments config) throws ImageRejected {
        if (image.backend() != Backend.XEN) {
            throw new ImageRejected("the image is built for " + image.target() + "; Xen runs Solo5 xen (PVH) images");
        }
        ManifestMatch.require(image.requireSolo5().manifest(), config);
    }

    @Override
    public LaunchPlan plan(Name name, UnikernelArguments config, HostResources host) throws LaunchRefused {
        String vm = VmName.of(name);
        List<String> vifs = new ArrayList<>();
        for (NetworkAttachment network : config.networksInOrder()) {
            vifs.add("'bridge=" + network.hostBridge() + ",mac=" + DefaultMac.unlessGiven(network, name)
                    + "'");
        }
        List<BlockFile> blocks = UnikernelDevices.blockFiles(config, host);
        List<String> disks = new ArrayList<>();
        for (BlockFile block : blocks) {
            if (block.sectorSize().isPresent()) {
                throw new LaunchRefused("Xen's disk configuration has no sector size; drop it from block device \""
                        + block.name() + "\"");
            }
            disks.add("'format=raw,vdev=xvd" + (char) ('a' + disks.size()) + ",target=" + block.file() + "'");
        }
        StringBuilder domain = new StringBuilder()
                .append("name = \"").append(vm).append("\"\n")
                .append("type = \"pvh\"\n")
                .append("kernel = \"").append(host.image()).append("\"\n")
                .append("memory = ").append(config.memoryMb()).append('\n')
                .append("vcpus = ").append(Math.max(1, config.numCpus())).append('\n');
        if (!config.cpuIds().isEmpty()) {
            domain.append("cpus = \"").append(HostPlatform.cpuList(config.cpuIds())).append("\"\n");
        }
        domain.append("vif = [ ").append(String.join(", ", vifs)).append(" ]\n")
                .append("disk = [ ").append(String.join(", ", disks)).append(" ]\n")
                .append("extra = \"").append(UnikernelArgv.of(name, config).stream().map(XenAdapter::escaped)
                        .collect(Collectors.joining(" "))).append("\"\n")
                .append("on_crash = \"destroy\"\n")
                .append("on_poweroff = \"destroy\"\n");
        ConfigurationFile file = new ConfigurationFile(host.runDirectory().resolve(vm + ".xl"), domain.toString());
        return new LaunchPlan(List.of(xl.toString(), "create", "-c", file.path().toString()), Map.of(), List.of(), blocks,
                config.cpuIds(), Optional.of(file), List.of(), List.of(List.of(xl.toString(), "destroy", vm)),
                ExitEncoding.DIRECT);
    }

    /** xl's configuration strings are double-quoted with C escapes. */
    private static String escaped(String argument) {
        return argument.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
