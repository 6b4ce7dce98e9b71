package org.albatross.client;

import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.Policy;
import picocli.CommandLine.Option;

/**
 * A policy on the command line, as add-policy and certificate take it: our spellings and albatross's ({@code --cpu}
 * repeated, {@code --size}, {@code --network}, and add-policy's positional UNIKERNELS). Unlike albatross, memory and
 * CPUs have no default: a policy is a quota, given on purpose.
 */
final class PolicyOptions {
    @Option(names = "--unikernels", paramLabel = "N", description = "How many unikernels at most.")
    Integer unikernels;

    @Option(names = "--mem", required = true, paramLabel = "MB", description = "Memory in MB for all of them.")
    long memoryMb;

    @Option(names = {"--cpus", "--cpu"}, required = true, split = ",", paramLabel = "ID",
            description = "CPU ids allowed (comma-separated, or --cpu repeated as albatross takes them).")
    Set<Integer> cpuIds;

    @Option(names = {"--block", "--size"}, paramLabel = "MB", description = "Block storage in MB (default: none"
            + " allowed).")
    Long blockMb;

    @Option(names = {"--bridge", "--network"}, paramLabel = "NAME", description = "A bridge allowed (repeatable).")
    Set<String> bridges;

    Policy policy() {
        return policy(null);
    }

    /** The policy, its number of unikernels from {@code --unikernels} or else {@code positional}, one of them given. */
    Policy policy(Integer positional) {
        if ((unikernels == null) == (positional == null)) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, unikernels == null
                    ? "the policy needs the number of unikernels it allows: give --unikernels N"
                    : "the number of unikernels is given twice (" + positional + " and --unikernels " + unikernels
                            + "): give one");
        }
        return new Policy(unikernels != null ? unikernels : positional, cpuIds, memoryMb,
                Optional.ofNullable(blockMb), bridges == null ? Set.of() : bridges);
    }
}
