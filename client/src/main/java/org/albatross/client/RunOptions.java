package org.albatross.client;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;

/**
 * How a unikernel runs, as {@code create} and {@code restart --replace-arguments} take it: albatross's flags and
 * defaults, except that a remote command's memory and CPU default to what the tenant's policy allows.
 */
final class RunOptions {
    /** Albatross's default memory for a unikernel. */
    static final int DEFAULT_MEMORY_MB = 32;

    static final Arg<Long> MEMORY = Arg.option("--mem").label("MB")
            .describe("Memory (default " + DEFAULT_MEMORY_MB + ", or the tenant policy's if smaller).").of(Long.class);
    static final Arg<List<Integer>> CPU_IDS = Arg.option("--cpu").label("ID")
            .describe("A CPU id it may run on (repeatable; default 0, or the tenant policy's lowest).")
            .repeated(Integer.class);
    static final Arg<Integer> NUM_CPUS = Arg.option("--cpus").label("N").describe("How many CPUs it uses (default 1).")
            .of(Integer.class);
    static final Arg<List<String>> ARGS = Arg.option("--arg").label("ARG")
            .describe("A boot argument (repeatable), e.g. --arg='--hello=Hi'.").repeated(String.class);
    static final Arg<List<BlockAttachment>> BLOCKS = Arg.option("--block").label("NAME[:DEVICE][@SECTOR-SIZE]")
            .describe("A block device (repeatable): its name in the unikernel, then the host's block device if"
                    + " it differs.")
            .repeated(BlockAttachment.class, DeviceSpec::block);
    static final Arg<List<NetworkAttachment>> NETS = Arg.option("--net").label("NAME[:BRIDGE][@MAC]")
            .describe("A network interface (repeatable): its name in the unikernel, then the host's bridge if it"
                    + " differs, and a fixed MAC address.")
            .repeated(NetworkAttachment.class, DeviceSpec::network);
    static final Arg<Boolean> RESTART_ON_FAIL = Arg.option("--restart-on-fail", "--restart")
            .describe("Restart the unikernel when it exits.").flag();
    static final Arg<List<Integer>> EXIT_CODES = Arg.option("--exit-code").label("CODE")
            .describe("With --restart-on-fail: restart only on these exit codes (repeatable; default: any).")
            .repeated(Integer.class);
    static final Arg<Integer> STARTUP = Arg.option("--startup").label("PRIORITY")
            .describe("Startup priority (0 is highest).").of(Integer.class);
    static final Arg<Boolean> NO_ADD_NAME = Arg.option("--no-add-name")
            .describe("Do not add --name=NAME to the unikernel's arguments.").flag();
    static final Arg<String> LINUX_BOOT = Arg.option("--linux-boot").label("PARTITION")
            .describe("Boot partition of a Linux guest.").of(String.class);

    static final List<Arg<?>> OPTIONS = List.of(MEMORY, CPU_IDS, NUM_CPUS, ARGS, BLOCKS, NETS, RESTART_ON_FAIL,
            EXIT_CODES, STARTUP, NO_ADD_NAME, LINUX_BOOT);

    private final Long memoryMb;
    private final List<Integer> cpuIds;
    private final Integer numCpus;
    private final List<String> args;
    private final List<BlockAttachment> blocks;
    private final List<NetworkAttachment> nets;
    private final boolean restartOnFail;
    private final List<Integer> exitCodes;
    private final Integer startup;
    private final boolean noAddName;
    private final String linuxBoot;

    RunOptions(Invocation invocation) {
        memoryMb = invocation.get(MEMORY);
        cpuIds = invocation.get(CPU_IDS);
        numCpus = invocation.get(NUM_CPUS);
        args = invocation.get(ARGS);
        blocks = invocation.get(BLOCKS);
        nets = invocation.get(NETS);
        restartOnFail = invocation.get(RESTART_ON_FAIL);
        exitCodes = invocation.get(EXIT_CODES);
        startup = invocation.get(STARTUP);
        noAddName = invocation.get(NO_ADD_NAME);
        linuxBoot = invocation.get(LINUX_BOOT);
    }

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
                throw new ClientFailure(ExitCode.CLI_FAILED, "the " + kind + " name \"" + name.apply(device)
                        + "\" is given twice; each needs its own name");
            }
        }
        return Set.copyOf(devices);
    }
}
