package org.albatross.protocol;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to run a unikernel: everything in a {@link UnikernelConfig} but the type and image. Sent with a restart.
 * Block devices, network interfaces and CPU ids are sets on the wire (DER sorts them), hence sets here.
 */
public record UnikernelArguments(
        FailBehaviour failBehaviour,
        Optional<Integer> startup,
        boolean addName,
        Set<Integer> cpuIds,
        long memoryMb,
        Set<BlockAttachment> blockDevices,
        Set<NetworkAttachment> bridges,
        Optional<List<String>> arguments,
        int numCpus,
        Optional<String> linuxBootPartition) {

    public UnikernelArguments {
        Objects.requireNonNull(failBehaviour, "failBehaviour");
        Objects.requireNonNull(startup, "startup");
        cpuIds = Set.copyOf(cpuIds);
        cpuIds.forEach(id -> Checks.nonNegative(id, "cpu id"));
        Checks.nonNegative(memoryMb, "memory (MB)");
        blockDevices = Set.copyOf(blockDevices);
        bridges = Set.copyOf(bridges);
        arguments = arguments.map(List::copyOf);
        Checks.nonNegative(numCpus, "cpus");
        Objects.requireNonNull(linuxBootPartition, "linuxBootPartition");
    }

    /**
     * The network interfaces by name: the order in which a launch makes their taps and a tender's command line names
     * them, so that the same arguments always give the same command line.
     */
    public List<NetworkAttachment> networksInOrder() {
        return bridges.stream().sorted(Comparator.comparing(NetworkAttachment::netif)).toList();
    }

    /** The block devices by name, in the order in which a launch finds their files and a command line names them. */
    public List<BlockAttachment> blocksInOrder() {
        return blockDevices.stream().sorted(Comparator.comparing(BlockAttachment::name)).toList();
    }
}
