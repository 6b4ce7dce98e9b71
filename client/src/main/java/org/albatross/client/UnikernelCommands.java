package org.albatross.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.UnikernelImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** create, destroy, restart, info and get: the unikernel service. */
@Command
final class UnikernelCommands {
    @Command(name = "create", description = "Create a unikernel from IMAGE (a Solo5 ELF, checked by its notes).")
    static int create(@Mixin Output output, @Mixin RunOptions run, @Mixin Compression compression,
            @Mixin ImageTransfer transfer,
            @Parameters(arity = "1..2", paramLabel = "[NAME] IMAGE",
                    description = "The unikernel's name (default: the image file's base name) and its image.")
            List<String> nameAndImage,
            @Option(names = "--name", paramLabel = "NAME", description = "Its name, for scripts that prefer an option.")
            String name,
            @Option(names = {"-f", "--force"}, description = "Destroy a unikernel of the same name first.")
            boolean force) throws IOException {
        Target target = output.target();
        Path image = Path.of(nameAndImage.get(nameAndImage.size() - 1));
        if (nameAndImage.size() == 2 && name != null) {
            throw new ClientFailure(ExitStatus.CLI_FAILED,
                    "the name is given twice (" + nameAndImage.get(0) + " and --name " + name + "): give one");
        }
        String chosen = nameAndImage.size() == 2 ? nameAndImage.get(0) : name;
        byte[] bytes = new UserFile(image, "the image").bytes();
        UnikernelType type = typeOf(image, bytes);
        Name unikernel = Name.parse(chosen != null ? chosen : baseName(image));
        return send(output, unikernel, type, bytes, run.arguments(tenantPolicy(target)), compression, transfer,
                force ? UnikernelCommand.ForceCreate::new : UnikernelCommand.Create::new);
    }

    /**
     * Sends {@code command} (a create, force-create or update) of {@code image}'s config, the image compressed and
     * carried as asked.
     */
    static int send(Output output, Name unikernel, UnikernelType type, byte[] image, UnikernelArguments arguments,
            Compression compression, ImageTransfer transfer,
            java.util.function.Function<UnikernelConfig, org.albatross.protocol.Command> command) throws IOException {
        boolean remote = output.target().remote();
        Compression.Packed packed = compression.pack(image, remote);
        boolean streamed = transfer.streamed(packed.bytes().length, remote);
        UnikernelConfig config = new UnikernelConfig(type, packed.compressed(),
                streamed ? Octets.EMPTY : Octets.of(packed.bytes()), arguments);
        return streamed ? Exchange.upload(output, unikernel, command.apply(config),
                new ByteArrayInputStream(packed.bytes()), packed.bytes().length)
                : Exchange.oneShot(output, unikernel, command.apply(config));
    }

    @Command(name = "destroy", description = "Destroy the unikernel NAME.")
    static int destroy(@Mixin Output output, @Parameters(paramLabel = "NAME") String name)
            throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Destroy());
    }

    @Command(name = "restart",
            description = "Restart the unikernel NAME with its own arguments, or new ones with --replace-arguments.")
    static int restart(@Mixin Output output, @Mixin RunOptions run, @Parameters(paramLabel = "NAME") String name,
            @Option(names = "--replace-arguments",
                    description = "Run it with the options given here (defaults as for create) instead of its own.")
            boolean replace) throws IOException {
        if (!replace && run.given()) {
            throw new ClientFailure(ExitStatus.CLI_FAILED,
                    "restart takes run options only with --replace-arguments; without it the unikernel keeps its own");
        }
        Optional<UnikernelArguments> arguments = replace
                ? Optional.of(run.arguments(tenantPolicy(output.target()))) : Optional.empty();
        return Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Restart(arguments));
    }

    @Command(name = "info", description = "Show the unikernels at or under NAME (default: all you may see).")
    static int info(@Mixin Output output,
            @Parameters(paramLabel = "NAME", arity = "0..1", defaultValue = ":") String name) throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Info());
    }

    @Command(name = "get", description = "Write the image of the unikernel NAME to a file, uncompressed.")
    static int get(@Mixin Output output, @Mixin Compression compression,
            @Parameters(paramLabel = "NAME") String name,
            @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                    description = "Where to write it (default: the unikernel's label with .img, here).") Path file,
            @Option(names = {"-f", "--force"}, description = "Overwrite FILE if it exists.") boolean force)
            throws IOException {
        Name unikernel = Name.parse(name);
        ImageFile destination = ImageFile.of(unikernel, file, force);
        int level = compression.level(output.target().remote());
        return Exchange.run(output, unikernel, new UnikernelCommand.Get(level), Optional.empty(),
                reply -> output.report(unikernel, destination.write(reply.success()), ImageFile.Written::text),
                0, data -> { });
    }

    /** The tenant policy that bounds a remote command's defaults; none locally. */
    private static Optional<Policy> tenantPolicy(Target target) {
        return target.remote() ? target.authority().policy() : Optional.empty();
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
    static UnikernelType typeOf(Path image, byte[] bytes) {
        try {
            UnikernelImage.decide(UnikernelType.SOLO5, ByteBuffer.wrap(bytes), image);
            return UnikernelType.SOLO5;
        } catch (ImageRejected e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, image + " is not a unikernel image we can run: "
                    + e.getMessage());
        }
    }
}
