package org.albatross.client;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.codec.AlbatrossStateCodec;

/**
 * Which albatross state file {@code inspect-dump} and {@code extract-dump} read, as albatross's client finds it:
 * {@code FILE} (or {@code --file}) inside {@code --dbdir} when it is a bare name, as given otherwise, and
 * {@code DBDIR/state} when none is given. The file is mapped, not read: a state holds every image.
 */
final class DumpFile {
    static final String DEFAULT_DBDIR = "/var/lib/albatross";
    private static final String STATE = "state";

    static final Arg<Path> DBDIR = Arg.option("--dbdir").label("DIR").defaultValue(DEFAULT_DBDIR)
            .describe("albatross's database directory (default ${DEFAULT-VALUE}).").of(Path.class);
    static final Arg<String> FILE = Arg.option("--file").label("FILE")
            .describe("The state file: a bare name is looked up in --dbdir (default: state).").of(String.class);

    static final List<Arg<?>> OPTIONS = List.of(DBDIR, FILE);

    private final Path dbdir;
    private final String file;

    DumpFile(Invocation invocation) {
        dbdir = invocation.get(DBDIR);
        file = invocation.get(FILE);
    }

    /** The file chosen by {@code positional} (may be null), {@code --file} and {@code --dbdir}. */
    Path path(String positional) {
        if (positional != null && file != null) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "the state file is given twice (" + positional
                    + " and --file " + file + "): give one");
        }
        String chosen = positional != null ? positional : file != null ? file : STATE;
        Path given = Path.of(chosen);
        return given.getNameCount() == 1 && !given.isAbsolute() ? dbdir.resolve(given) : given;
    }

    /** The entries of the state in {@code path}; a missing or foreign file is one line and exit code 124. */
    static AlbatrossStateCodec.Entries entries(Path path) {
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (NoSuchFileException e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "dump file not found: " + path);
        } catch (IOException e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return AlbatrossStateCodec.entries(mapped);
        } catch (ProtocolError e) {
            throw notAState(path, e);
        }
    }

    static ClientFailure notAState(Path path, ProtocolError e) {
        return new ClientFailure(ExitCode.CLI_FAILED, path + " is not an albatross state file we can read: "
                + e.getMessage(), e);
    }
}
