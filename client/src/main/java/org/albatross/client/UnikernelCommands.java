package org.albatross.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Subcommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.UnikernelImage;

/** create, destroy, restart, info and get: the unikernel service. */
final class UnikernelCommands {
    private static final Arg<List<String>> NAME_AND_IMAGE = Arg.positional("[NAME] IMAGE").arity(1, 2)
            .describe("The unikernel's name (default: the image file's base name) and its image.")
            .repeated(String.class);
    private static final Arg<String> NAME_OPTION = Arg.option("--name").label("NAME")
            .describe("Its name, for scripts that prefer an option.").of(String.class);
    private static final Arg<Boolean> FORCE_CREATE = Arg.option("-f", "--force")
            .describe("Destroy a unikernel of the same name first.").flag();
    private static final Arg<String> NAME = Arg.positional("NAME").of(String.class);
    private static final Arg<Boolean> REPLACE = Arg.option("--replace-arguments")
            .describe("Run it with the options given here (defaults as for create) instead of its own.").flag();
    private static final Arg<String> NAMES = Arg.positional("NAME").optional().defaultValue(":").of(String.class);
    private static final Arg<Path> OUTPUT_FILE = Arg.option("-o", "--output").label("FILE")
            .describe("Where to write it (default: the unikernel's label with .img, here).").of(Path.class);
    private static final Arg<Boolean> OVERWRITE = Arg.option("-f", "--force").describe("Overwrite FILE if it exists.")
            .flag();

    static final List<Subcommand> SUBCOMMANDS = List.of(
            Subcommand.named("create").describe("Create a unikernel from IMAGE (a Solo5 ELF, checked by its notes).")
                    .with(Output.OPTIONS).with(RunOptions.OPTIONS).with(Compression.OPTIONS)
                    .with(ImageTransfer.VIA, NAME_AND_IMAGE, NAME_OPTION, FORCE_CREATE).runs(UnikernelCommands::create),
            Subcommand.named("destroy").describe("Destroy the unikernel NAME.").with(Output.OPTIONS).with(NAME)
                    .runs(UnikernelCommands::destroy),
            Subcommand.named("get").describe("Write the image of the unikernel NAME to a file, uncompressed.")
                    .with(Output.OPTIONS).with(Compression.OPTIONS).with(NAME, OUTPUT_FILE, OVERWRITE)
                    .runs(UnikernelCommands::get),
            Subcommand.named("info").describe("Show the unikernels at or under NAME (default: all you may see).")
                    .with(Output.OPTIONS).with(NAMES).runs(UnikernelCommands::info),
            Subcommand.named("restart").describe("Restart the unikernel NAME with its own arguments, or new ones with"
                    + " --replace-arguments.").with(Output.OPTIONS).with(RunOptions.OPTIONS).with(NAME, REPLACE)
                    .runs(UnikernelCommands::restart));

    private UnikernelCommands() {
    }

    private static int create(Invocation invocation) throws IOException {
        Output output = new Output(invocation);
        List<String> nameAndImage = invocation.get(NAME_AND_IMAGE);
        String name = invocation.get(NAME_OPTION);
        Target target = output.target();
        Path image = Path.of(nameAndImage.get(nameAndImage.size() - 1));
        if (nameAndImage.size() == 2 && name != null) {
            throw new ClientFailure(ExitCode.CLI_FAILED,
                    "the name is given twice (" + nameAndImage.get(0) + " and --name " + name + "): give one");
        }
        String chosen = nameAndImage.size() == 2 ? nameAndImage.get(0) : name;
        byte[] bytes = new UserFile(image, "the image").bytes();
        UnikernelType type = typeOf(image, bytes);
        Name unikernel = Name.parse(chosen != null ? chosen : baseName(image));
        RunOptions run = new RunOptions(invocation);
        return send(output, unikernel, type, bytes, run.arguments(tenantPolicy(target)), new Compression(invocation),
                new ImageTransfer(invocation),
                invocation.get(FORCE_CREATE) ? UnikernelCommand.ForceCreate::new : UnikernelCommand.Create::new);
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

    private static int destroy(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(NAME)),
                new UnikernelCommand.Destroy());
    }

    private static int restart(Invocation invocation) throws IOException {
        Output output = new Output(invocation);
        RunOptions run = new RunOptions(invocation);
        boolean replace = invocation.get(REPLACE);
        if (!replace && run.given()) {
            throw new ClientFailure(ExitCode.CLI_FAILED,
                    "restart takes run options only with --replace-arguments; without it the unikernel keeps its own");
        }
        Optional<UnikernelArguments> arguments = replace
                ? Optional.of(run.arguments(tenantPolicy(output.target()))) : Optional.empty();
        return Exchange.oneShot(output, Name.parse(invocation.get(NAME)), new UnikernelCommand.Restart(arguments));
    }

    private static int info(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(NAMES)),
                new UnikernelCommand.Info());
    }

    private static int get(Invocation invocation) throws IOException {
        Output output = new Output(invocation);
        Name unikernel = Name.parse(invocation.get(NAME));
        ImageFile destination = ImageFile.of(unikernel, invocation.get(OUTPUT_FILE), invocation.get(OVERWRITE));
        int level = new Compression(invocation).level(output.target().remote());
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
            throw new ClientFailure(ExitCode.CLI_FAILED, image + " is not a unikernel image we can run: "
                    + e.getMessage());
        }
    }
}
