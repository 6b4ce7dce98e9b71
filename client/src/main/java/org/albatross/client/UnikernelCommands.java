package org.albatross.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.Backend;
import org.albatross.vmm.ImageRejected;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** create, destroy, restart, info and get: the unikernel service. */
@Command
final class UnikernelCommands {
    /** Albatross's default memory for a unikernel. */
    static final int DEFAULT_MEMORY_MB = 32;

    @Command(name = "create", description = "Create a unikernel from IMAGE (a Solo5 ELF, checked by its notes).")
    static int create(@Mixin Output output,
            @Parameters(paramLabel = "IMAGE") Path image,
            @Option(names = "--name", description = "Its name (default: the image file's base name).") String name,
            @Option(names = "--force", description = "Destroy a unikernel of the same name first.") boolean force,
            @Option(names = "--mem", paramLabel = "MB",
                    description = "Memory (default " + DEFAULT_MEMORY_MB + ", or the tenant policy's if smaller).")
            Long memoryMb,
            @Option(names = "--cpu", paramLabel = "ID",
                    description = "CPU id (default 0, or the tenant policy's lowest).") Integer cpuId,
            @Option(names = "--arg", paramLabel = "ARG", description = "A boot argument (repeatable).") List<String> args,
            @Option(names = "--restart-on-fail", description = "Restart the unikernel when it exits.") boolean restart,
            @Option(names = "--exit-code", paramLabel = "CODE",
                    description = "With --restart-on-fail: restart only on these exit codes.") Set<Integer> exitCodes)
            throws IOException {
        Target target = output.target();
        byte[] bytes = Files.readAllBytes(image);
        UnikernelType type = typeOf(image, bytes);
        Name unikernel = Name.parse(name != null ? name : baseName(image));
        Optional<Policy> policy = target.remote() ? target.authority().policy() : Optional.empty();
        long memory = memoryMb != null ? memoryMb
                : Math.min(DEFAULT_MEMORY_MB, policy.map(Policy::memoryMb).orElse((long) DEFAULT_MEMORY_MB));
        int cpu = cpuId != null ? cpuId : policy.flatMap(p -> p.cpuIds().stream().min(Integer::compare)).orElse(0);
        FailBehaviour onFail = restart ? new FailBehaviour.Restart(exitCodes == null ? Set.of() : exitCodes)
                : new FailBehaviour.Quit();
        UnikernelArguments arguments = new UnikernelArguments(onFail, Optional.empty(), true, Set.of(cpu), memory,
                Set.of(), Set.of(), Optional.ofNullable(args), 1, Optional.empty());
        // remotely the image follows the handshake: inside the certificate it would meet TLS's size limits
        Octets inline = target.remote() ? Octets.EMPTY : Octets.of(bytes);
        UnikernelConfig config = new UnikernelConfig(type, false, inline, arguments);
        org.albatross.protocol.Command command = force ? new UnikernelCommand.ForceCreate(config) : new UnikernelCommand.Create(config);
        return target.remote() ? Exchange.upload(output, unikernel, command, UploadProgress.around(
                new ByteArrayInputStream(bytes), bytes.length, output.err(), System.console() != null))
                : Exchange.oneShot(output, unikernel, command);
    }

    @Command(name = "destroy", description = "Destroy the unikernel NAME.")
    static int destroy(@Mixin Output output, @Parameters(paramLabel = "NAME") String name)
            throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Destroy());
    }

    @Command(name = "restart", description = "Restart the unikernel NAME with its own arguments.")
    static int restart(@Mixin Output output, @Parameters(paramLabel = "NAME") String name)
            throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Restart(Optional.empty()));
    }

    @Command(name = "info", description = "Show the unikernels at or under NAME (default: all you may see).")
    static int info(@Mixin Output output,
            @Parameters(paramLabel = "NAME", arity = "0..1", defaultValue = ":") String name) throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Info());
    }

    @Command(name = "get", description = "Fetch the image of the unikernel NAME.")
    static int get(@Mixin Output output, @Parameters(paramLabel = "NAME") String name)
            throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Get(0));
    }

    static String baseName(Path image) {
        String file = image.getFileName().toString();
        int dot = file.indexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /**
     * Albatross's type of an image: Solo5 for anything our backends run (a Solo5 ELF, told apart by its notes, or a
     * plain multiboot kernel such as the test kernel), refused with the reason otherwise.
     */
    private static UnikernelType typeOf(Path image, byte[] bytes) {
        try {
            Backend.forImage(UnikernelType.SOLO5, bytes);
            return UnikernelType.SOLO5;
        } catch (ImageRejected e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, image + " is not a unikernel image we can run: "
                    + e.getMessage());
        }
    }
}
