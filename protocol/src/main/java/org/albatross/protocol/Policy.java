package org.albatross.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a tenant may use: how many unikernels, which CPUs, how much memory, how much block storage (none when
 * absent) and which bridges. Whether a policy is usable or fits its parent is policy/'s business, not the wire's.
 */
public record Policy(int unikernels, Set<Integer> cpuIds, long memoryMb, Optional<Long> blockMb, Set<String> bridges) {
    public Policy {
        Checks.nonNegative(unikernels, "unikernels");
        cpuIds = Set.copyOf(cpuIds);
        cpuIds.forEach(id -> Checks.nonNegative(id, "cpu id"));
        Checks.nonNegative(memoryMb, "memory (MB)");
        Objects.requireNonNull(blockMb, "blockMb");
        blockMb.ifPresent(mb -> Checks.nonNegative(mb, "block storage (MB)"));
        bridges = Set.copyOf(bridges);
    }
}
