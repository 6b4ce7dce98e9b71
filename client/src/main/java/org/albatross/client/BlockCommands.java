package org.albatross.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** block, create-block, destroy-block, set-block and dump-block: block devices. */
@Command
final class BlockCommands {
    @Command(name = "block", description = "Show the block devices at or under NAME (default: all you may see).")
    static int info(@Mixin Output output,
            @Parameters(paramLabel = "NAME", arity = "0..1", defaultValue = ":") String name) throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new BlockCommand.Info());
    }

    @Command(name = "create-block", description = "Create the block device NAME of SIZE MB.")
    static int create(@Mixin Output output, @Parameters(paramLabel = "NAME") String name,
            @Parameters(paramLabel = "SIZE") long sizeMb) throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new BlockCommand.Add(sizeMb));
    }

    @Command(name = "destroy-block", description = "Destroy the block device NAME.")
    static int destroy(@Mixin Output output, @Parameters(paramLabel = "NAME") String name)
            throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new BlockCommand.Remove());
    }

    @Command(name = "set-block", description = "Replace the data of the block device NAME with FILE.")
    static int set(@Mixin Output output, @Parameters(paramLabel = "NAME") String name,
            @Parameters(paramLabel = "FILE") Path file) throws IOException {
        try (InputStream data = Files.newInputStream(file)) {
            return Exchange.upload(output, Name.parse(name), new BlockCommand.Set(false), data, Files.size(file));
        }
    }

    @Command(name = "dump-block", description = "Write the data of the block device NAME to FILE.")
    static int dump(@Mixin Output output, @Parameters(paramLabel = "NAME") String name,
            @Parameters(paramLabel = "FILE") Path file) throws IOException {
        Name device = Name.parse(name);
        // the daemon does not say how much will come: the progress counts what has
        TransferProgress progress = output.progress(OptionalLong.empty());
        try (OutputStream out = Files.newOutputStream(file)) {
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
                throw new ClientFailure(ExitStatus.INTERNAL_ERROR, "cannot write the block data: " + e.getMessage(), e);
            }
            progress.advance(bytes.length);
        }
    }
}
