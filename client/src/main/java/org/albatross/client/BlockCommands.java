package org.albatross.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Subcommand;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;

/** block, create-block, destroy-block, set-block and dump-block: block devices. */
final class BlockCommands {
    private static final Arg<String> NAMES = Arg.positional("NAME").optional().defaultValue(":").of(String.class);
    private static final Arg<String> NAME = Arg.positional("NAME").of(String.class);
    private static final Arg<Long> SIZE = Arg.positional("SIZE").of(Long.class);
    private static final Arg<Path> FILE = Arg.positional("FILE").of(Path.class);

    static final List<Subcommand> SUBCOMMANDS = List.of(
            Subcommand.named("create-block").describe("Create the block device NAME of SIZE MB.")
                    .with(Output.OPTIONS).with(NAME, SIZE).runs(BlockCommands::create),
            Subcommand.named("destroy-block").describe("Destroy the block device NAME.")
                    .with(Output.OPTIONS).with(NAME).runs(BlockCommands::destroy),
            Subcommand.named("dump-block").describe("Write the data of the block device NAME to FILE.")
                    .with(Output.OPTIONS).with(NAME, FILE).runs(BlockCommands::dump),
            Subcommand.named("block").describe("Show the block devices at or under NAME (default: all you may see).")
                    .with(Output.OPTIONS).with(NAMES).runs(BlockCommands::info),
            Subcommand.named("set-block").describe("Replace the data of the block device NAME with FILE.")
                    .with(Output.OPTIONS).with(NAME, FILE).runs(BlockCommands::set));

    private BlockCommands() {
    }

    private static int info(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(NAMES)), new BlockCommand.Info());
    }

    private static int create(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(NAME)),
                new BlockCommand.Add(invocation.get(SIZE)));
    }

    private static int destroy(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(NAME)), new BlockCommand.Remove());
    }

    private static int set(Invocation invocation) throws IOException {
        UserFile data = new UserFile(invocation.get(FILE), "the block data");
        try (InputStream in = data.open()) {
            return Exchange.upload(new Output(invocation), Name.parse(invocation.get(NAME)),
                    new BlockCommand.Set(false), in, data.size());
        }
    }

    private static int dump(Invocation invocation) throws IOException {
        Output output = new Output(invocation);
        Name device = Name.parse(invocation.get(NAME));
        // the daemon does not say how much will come: the progress counts what has
        TransferProgress progress = output.progress(OptionalLong.empty());
        try (OutputStream out = new UserFile(invocation.get(FILE), "the dump file").create()) {
            return Exchange.run(output, device, new BlockCommand.Dump(0), Optional.empty(),
                    reply -> reply.success(), Integer.MAX_VALUE, element -> write(out, element.data(), progress));
        } finally {
            progress.finish();
        }
    }

    private static void write(OutputStream out, Data data, TransferProgress progress) {
        if (data instanceof Data.BlockChunk chunk) {
            byte[] bytes = chunk.bytes().toByteArray();
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new ClientFailure(ExitCode.INTERNAL_ERROR, "cannot write the block data: " + e.getMessage(), e);
            }
            progress.advance(bytes.length);
        }
    }
}
