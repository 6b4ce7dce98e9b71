package org.albatross.it;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.TestKernel;

/**
 * The project's test kernel (docs/test-kernel.md) as a unikernel to create: QEMU boots it from its 32-bit
 * multiboot ELF, its arguments ({@code lines=N}, {@code exit=K}, {@code forever}...) say what it prints and how it
 * ends. Immutable; each {@code with} method returns a changed copy.
 */
public record TestUnikernel(List<String> arguments, FailBehaviour failBehaviour, long memoryMb, Set<Integer> cpuIds,
        Set<NetworkAttachment> bridges, Set<BlockAttachment> blocks) {

    static final Octets IMAGE = Octets.of(TestKernel.bytes());
    public static final String BANNER = "albatross test kernel";

    public TestUnikernel {
        arguments = List.copyOf(arguments);
        cpuIds = Set.copyOf(cpuIds);
        bridges = Set.copyOf(bridges);
        blocks = Set.copyOf(blocks);
    }

    /** The kernel with these arguments, 32 MB, no devices, left stopped when it exits. */
    public static TestUnikernel withArguments(String... arguments) {
        return new TestUnikernel(List.of(arguments), new FailBehaviour.Quit(), 32, Set.of(), Set.of(), Set.of());
    }

    TestUnikernel restartingOn(Integer... exitCodes) {
        return new TestUnikernel(arguments, new FailBehaviour.Restart(Set.of(exitCodes)), memoryMb, cpuIds, bridges,
                blocks);
    }

    TestUnikernel withMemory(long megabytes) {
        return new TestUnikernel(arguments, failBehaviour, megabytes, cpuIds, bridges, blocks);
    }

    TestUnikernel onCpus(Integer... ids) {
        return new TestUnikernel(arguments, failBehaviour, memoryMb, Set.of(ids), bridges, blocks);
    }

    TestUnikernel onBridge(String bridge) {
        return new TestUnikernel(arguments, failBehaviour, memoryMb, cpuIds,
                Set.of(new NetworkAttachment("service", Optional.of(bridge), Optional.empty())), blocks);
    }

    TestUnikernel withBlock(String device) {
        return new TestUnikernel(arguments, failBehaviour, memoryMb, cpuIds, bridges,
                Set.of(BlockAttachment.named(device)));
    }

    public UnikernelConfig config() {
        return config(IMAGE);
    }

    /** The same arguments and devices for another image: a Solo5 unikernel's, say. */
    public UnikernelConfig config(Octets image) {
        return new UnikernelConfig(UnikernelType.SOLO5, false, image, new UnikernelArguments(failBehaviour,
                Optional.empty(), false, cpuIds, memoryMb, blocks, bridges, Optional.of(arguments), 1,
                Optional.empty()));
    }

    /** The SHA-256 of the image, as {@code info} reports it. */
    static Octets digest() {
        try {
            return Octets.of(MessageDigest.getInstance("SHA-256").digest(IMAGE.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
