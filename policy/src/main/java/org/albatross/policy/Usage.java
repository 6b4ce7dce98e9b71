package org.albatross.policy;

import java.util.Set;

/**
 * What runs under a path, summed over its whole subtree.
 *
 * @param unikernels running unikernels
 * @param memoryMb their memory
 * @param cpuIds the CPU ids they are pinned to
 * @param bridges the bridges they are attached to
 * @param blockMb the size of every block device, in use or not
 * @param blockDevices how many block devices exist
 */
public record Usage(int unikernels, long memoryMb, Set<Integer> cpuIds, Set<String> bridges, long blockMb,
        int blockDevices) {

    public static final Usage NONE = new Usage(0, 0, Set.of(), Set.of(), 0, 0);

    public Usage {
        cpuIds = Set.copyOf(cpuIds);
        bridges = Set.copyOf(bridges);
    }

    public boolean isEmpty() {
        return unikernels == 0 && blockDevices == 0;
    }
}
