package org.albatross.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.protocol.Policy;

/**
 * A policy on the command line, as add-policy and certificate take it: our spellings and albatross's ({@code --cpu}
 * repeated, {@code --size}, {@code --network}, and add-policy's positional UNIKERNELS). Unlike albatross, memory and
 * CPUs have no default: a policy is a quota, given on purpose.
 */
final class PolicyOptions {
    static final Arg<Integer> UNIKERNELS = Arg.option("--unikernels").label("N")
            .describe("How many unikernels at most.").of(Integer.class);
    static final Arg<Long> MEMORY = Arg.option("--mem").required().label("MB")
            .describe("Memory in MB for all of them.").of(Long.class);
    static final Arg<List<Integer>> CPU_IDS = Arg.option("--cpus", "--cpu").required().split(",").label("ID")
            .describe("CPU ids allowed (comma-separated, or --cpu repeated as albatross takes them).")
            .repeated(Integer.class);
    static final Arg<Long> BLOCK = Arg.option("--block", "--size").label("MB")
            .describe("Block storage in MB (default: none allowed).").of(Long.class);
    static final Arg<List<String>> BRIDGES = Arg.option("--bridge", "--network").label("NAME")
            .describe("A bridge allowed (repeatable).").repeated(String.class);

    static final List<Arg<?>> OPTIONS = List.of(UNIKERNELS, MEMORY, CPU_IDS, BLOCK, BRIDGES);

    private final Integer unikernels;
    private final long memoryMb;
    private final Set<Integer> cpuIds;
    private final Long blockMb;
    private final List<String> bridges;

    PolicyOptions(Invocation invocation) {
        unikernels = invocation.get(UNIKERNELS);
        memoryMb = invocation.get(MEMORY);
        cpuIds = new LinkedHashSet<>(invocation.get(CPU_IDS));
        blockMb = invocation.get(BLOCK);
        bridges = invocation.get(BRIDGES);
    }

    Policy policy() {
        return policy(null);
    }

    /** The policy, its number of unikernels from {@code --unikernels} or else {@code positional}, one of them given. */
    Policy policy(Integer positional) {
        if ((unikernels == null) == (positional == null)) {
            throw new ClientFailure(ExitCode.CLI_FAILED, unikernels == null
                    ? "the policy needs the number of unikernels it allows: give --unikernels N"
                    : "the number of unikernels is given twice (" + positional + " and --unikernels " + unikernels
                            + "): give one");
        }
        return new Policy(unikernels != null ? unikernels : positional, cpuIds, memoryMb,
                Optional.ofNullable(blockMb), bridges == null ? Set.of() : new LinkedHashSet<>(bridges));
    }
}
