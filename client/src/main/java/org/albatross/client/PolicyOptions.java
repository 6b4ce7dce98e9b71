package org.albatross.client;

import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.Policy;
import picocli.CommandLine.Option;

/** A policy on the command line, as albatross's add-policy and certificate take it. */
final class PolicyOptions {
    @Option(names = "--unikernels", required = true, paramLabel = "N", description = "How many unikernels at most.")
    int unikernels;

    @Option(names = "--mem", required = true, paramLabel = "MB", description = "Memory in MB for all of them.")
    long memoryMb;

    @Option(names = "--cpus", required = true, split = ",", paramLabel = "ID", description = "CPU ids allowed.")
    Set<Integer> cpuIds;

    @Option(names = "--block", paramLabel = "MB", description = "Block storage in MB (default: none allowed).")
    Long blockMb;

    @Option(names = "--bridge", paramLabel = "NAME", description = "A bridge allowed (repeatable).")
    Set<String> bridges;

    Policy policy() {
        return new Policy(unikernels, cpuIds, memoryMb, Optional.ofNullable(blockMb),
                bridges == null ? Set.of() : bridges);
    }
}
