package org.albatross.client;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import picocli.CommandLine.Option;

/**
 * How a unikernel runs, as {@code create} and {@code restart --replace-arguments} take it: albatross's flags and
 * defaults, except that a remote command's memory and CPU default to what the tenant's policy allows.
 */
final class RunOptions {
    /** Albatross's default memory for a unikernel. */
    static final int DEFAULT_MEMORY_MB = 32;

    @Option(names = "--mem", paramLabel = "MB",
            description = "Memory (default " + DEFAULT_MEMORY_MB + ", or the tenant policy's if smaller).")
    Long memoryMb;

    @Option(names = "--cpu", paramLabel = "ID",
            description = "A CPU id it may run on (repeatable; default 0, or the tenant policy's lowest).")
    List<Integer> cpuIds;

    @Option(names = "--cpus", paramLabel = "N", description = "How many CPUs it uses (default 1).")
    Integer numCpus;

    @Option(names = "--arg", paramLabel = "ARG", description = "A boot argument (repeatable), e.g. --arg='--hello=Hi'.")
    List<String> args;

    @Option(names = "--block", paramLabel = "NAME[:DEVICE][@SECTOR-SIZE]", converter = DeviceSpec.Block.class,
            description = "A block device (repeatable): its name in the unikernel, then the host's block device if"
                    + " it differs.")
    List<BlockAttachment> blocks;

    @Option(names = "--net", paramLabel = "NAME[:BRIDGE][@MAC]", converter = DeviceSpec.Network.class,
            description = "A network interface (repeatable): its name in the unikernel, then the host's bridge if it"
                    + " differs, and a fixed MAC address.")
    List<NetworkAttachment> nets;

    @Option(names = {"--restart-on-fail", "--restart"}, description = "Restart the unikernel when it exits.")
    boolean restartOnFail;

    @Option(names = "--exit-code", paramLabel = "CODE",
            description = "With --restart-on-fail: restart only on these exit codes (repeatable; default: any).")
    List<Integer> exitCodes;

    @Option(names = "--startup", paramLabel = "PRIORITY", description = "Startup priority (0 is highest).")
    Integer startup;

    @Option(names = "--no-add-name", description = "Do not add --name=NAME to the unikernel's arguments.")
    boolean noAddName;

    @Option(names = "--linux-boot", paramLabel = "PARTITION", description = "Boot partition of a Linux guest.")
    String linuxBoot;

    /** Whether any of these options was given, for a restart that would otherwise ignore them. */
    boolean given() {
        return memoryMb != null || cpuIds != null || numCpus != null || args != null || blocks != null
                || nets != null || restartOnFail || exitCodes != null || startup != null || noAddName
                || linuxBoot != null;
    }

    /** The run arguments, with defaults from {@code policy} where one limits them (a remote tenant's CA). */
    UnikernelArguments arguments(Optional<Policy> policy) {
        long memory = memoryMb != null ? memoryMb
                : Math.min(DEFAULT_MEMORY_MB, policy.map(Policy::memoryMb).orElse((long) DEFAULT_MEMORY_MB));
        Set<Integer> cpus = cpuIds != null ? Set.copyOf(cpuIds)
                : Set.of(policy.flatMap(p -> p.cpuIds().stream().min(Integer::compare)).orElse(0));
        FailBehaviour onFail = restartOnFail
                ? new FailBehaviour.Restart(exitCodes == null ? Set.of() : Set.copyOf(exitCodes))
                : new FailBehaviour.Quit();
        return new UnikernelArguments(onFail, Optional.ofNullable(startup), !noAddName, cpus, memory,
                distinctByName(blocks, BlockAttachment::name, "block device"),
                distinctByName(nets, NetworkAttachment::netif, "network interface"),
                Optional.ofNullable(args), numCpus == null ? 1 : numCpus, Optional.ofNullable(linuxBoot));
    }

    /** As albatross: two devices of one kind may not share the name the unikernel knows them by. */
    private static <T> Set<T> distinctByName(List<T> devices, Function<T, String> name, String kind) {
        if (devices == null) {
            return Set.of();
        }
        Set<String> seen = new HashSet<>();
        for (T device : devices) {
            if (!seen.add(name.apply(device))) {
                throw new ClientFailure(ExitStatus.CLI_FAILED, "the " + kind + " name \"" + name.apply(device)
                        + "\" is given twice; each needs its own name");
            }
        }
        return Set.copyOf(devices);
    }
}
