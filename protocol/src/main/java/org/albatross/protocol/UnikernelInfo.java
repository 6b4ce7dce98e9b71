package org.albatross.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the daemon reports about a unikernel. One that is not running (its boot loop stopped, or waiting to be
 * restarted) has no start time: {@link #NOT_STARTED}, which the wire leaves out.
 */
public record UnikernelInfo(
        UnikernelType typ,
        Optional<Integer> startup,
        FailBehaviour failBehaviour,
        Set<Integer> cpuIds,
        long memoryMb,
        Octets digest,
        Set<Block> blockDevices,
        Set<Network> bridges,
        Optional<List<String>> arguments,
        Instant started,
        int numCpus,
        Optional<String> linuxBootPartition) {

    /** The start time of a unikernel that is not running; encoded as an absent {@code started}. */
    public static final Instant NOT_STARTED = Instant.EPOCH;

    public UnikernelInfo {
        Objects.requireNonNull(typ, "typ");
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(failBehaviour, "failBehaviour");
        cpuIds = Set.copyOf(cpuIds);
        Checks.nonNegative(memoryMb, "memory (MB)");
        Objects.requireNonNull(digest, "digest");
        blockDevices = Set.copyOf(blockDevices);
        bridges = Set.copyOf(bridges);
        arguments = arguments.map(List::copyOf);
        Objects.requireNonNull(started, "started");
        Checks.nonNegative(numCpus, "cpus");
        Objects.requireNonNull(linuxBootPartition, "linuxBootPartition");
    }

    /** Whether the unikernel runs now, rather than being kept in the table while it is down. */
    public boolean running() {
        return !started.equals(NOT_STARTED);
    }

    /** A block device as attached: name in the unikernel, host device, sector size and size in MB. */
    public record Block(String device, String hostDevice, int sectorSize, long sizeMb) {
        public Block {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(hostDevice, "hostDevice");
            Checks.nonNegative(sectorSize, "sector size");
            Checks.nonNegative(sizeMb, "size (MB)");
        }
    }

    /** A network interface as attached: name in the unikernel, host tap/bridge device and MAC address. */
    public record Network(String netif, String hostDevice, MacAddress mac) {
        public Network {
            Objects.requireNonNull(netif, "netif");
            Objects.requireNonNull(hostDevice, "hostDevice");
            Objects.requireNonNull(mac, "mac");
        }
    }
}
