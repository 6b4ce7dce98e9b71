package org.albatross.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;

/** Unikernel run arguments and policies for tests, with only the fields the resource tree looks at. */
final class Unikernels {

    private Unikernels() {
    }

    static UnikernelArguments config(long memoryMb, Set<Integer> cpuIds, Set<String> bridges, Set<String> blocks) {
        return attached(memoryMb, cpuIds, blocks.stream().map(BlockAttachment::named).collect(Collectors.toSet()),
                bridges.stream().map(NetworkAttachment::named).collect(Collectors.toSet()));
    }

    static UnikernelArguments attached(long memoryMb, Set<Integer> cpuIds, Set<BlockAttachment> blocks,
            Set<NetworkAttachment> networks) {
        return new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(), false, cpuIds, memoryMb, blocks,
                networks, Optional.of(List.of()), 1, Optional.empty());
    }

    static UnikernelArguments config(long memoryMb) {
        return config(memoryMb, Set.of(0), Set.of(), Set.of());
    }

    static Policy policy(int unikernels, long memoryMb, Optional<Long> blockMb) {
        return new Policy(unikernels, Set.of(0, 1), memoryMb, blockMb, Set.of("service"));
    }
}
