package org.albatross.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Subcommand;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.Name;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.codec.AlbatrossStateCodec;

/**
 * inspect-dump and extract-dump: albatross's state file read without a daemon (albatross 2.5.1's commands of the
 * same names), every form albatross has written. One entry is decoded at a time, so a state of many large images
 * costs one image of heap.
 */
final class DumpCommands {
    /** The head of {@code inspect-dump}: which file, in which form. */
    record AlbatrossStateFile(String file, String form) {
        String text() {
            return file + ": albatross state, form " + form;
        }
    }

    private static final Arg<String> STATE_FILE = Arg.positional("FILE").optional()
            .describe("The state file (default: state in --dbdir).").of(String.class);
    private static final Arg<String> NAME = Arg.positional("NAME").of(String.class);
    private static final Arg<Path> IMAGE = Arg.option("-o", "--output").label("IMAGE").describe("Where to write the"
            + " image (default: NAME.TIME in the temporary directory, as albatross).").of(Path.class);
    private static final Arg<Boolean> FORCE = Arg.option("-f", "--force").describe("Overwrite IMAGE if it exists.")
            .flag();

    static final List<Subcommand> SUBCOMMANDS = List.of(
            Subcommand.named("extract-dump").describe("Write the image of the unikernel NAME in an albatross state"
                    + " file to a file, and show its configuration.").with(Output.OPTIONS).with(DumpFile.OPTIONS)
                    .with(NAME, STATE_FILE, IMAGE, FORCE).runs(DumpCommands::extractDump),
            Subcommand.named("inspect-dump").describe("Show the unikernels and policies of an albatross state file.")
                    .with(Output.OPTIONS).with(DumpFile.OPTIONS).with(STATE_FILE).runs(DumpCommands::inspectDump));

    private DumpCommands() {
    }

    private static int inspectDump(Invocation invocation) {
        Output output = new Output(invocation);
        Path path = new DumpFile(invocation).path(invocation.get(STATE_FILE));
        AlbatrossStateCodec.Entries entries = DumpFile.entries(path);
        output.report(Name.ROOT, new AlbatrossStateFile(path.toString(), entries.form().toString()),
                AlbatrossStateFile::text);
        int unikernels = 0;
        int policies = 0;
        for (AlbatrossState.Entry entry : read(path, entries)) {
            if (entry instanceof AlbatrossState.Unikernel unikernel) {
                unikernels++;
                show(output, unikernel, DumpedUnikernel.of(unikernel, DumpedUnikernel.image(unikernel)));
            } else if (entry instanceof AlbatrossState.PolicyAt policy) {
                policies++;
                Name name = Name.of(policy.path());
                output.report(name, policy.policy(), value -> name + " " + JsonShapes.keyValues(value));
            }
        }
        if (!output.json) {
            output.line(unikernels + " unikernels, " + policies + " policies");
        }
        return ExitCode.SUCCESS.code();
    }

    private static int extractDump(Invocation invocation) {
        Output output = new Output(invocation);
        Name wanted = Name.parse(invocation.get(NAME));
        Path path = new DumpFile(invocation).path(invocation.get(STATE_FILE));
        Path image = invocation.get(IMAGE);
        boolean force = invocation.get(FORCE);
        List<Name> present = new ArrayList<>();
        for (AlbatrossState.Entry entry : read(path, DumpFile.entries(path))) {
            if (entry instanceof AlbatrossState.Unikernel unikernel) {
                if (unikernel.name().equals(wanted)) {
                    byte[] bytes = DumpedUnikernel.image(unikernel);
                    Path written = write(image != null ? image : albatrossTemporaryFile(wanted), bytes, force);
                    output.report(wanted, new ImageFile.Written(written.toString(), bytes.length),
                            value -> "dumped image to " + value.file());
                    show(output, unikernel, DumpedUnikernel.of(unikernel, bytes));
                    return ExitCode.SUCCESS.code();
                }
                present.add(unikernel.name());
            }
        }
        throw new ClientFailure(ExitCode.CLI_FAILED, "unikernel not found: " + wanted + " is not in " + path
                + (present.isEmpty() ? ", which holds no unikernel" : "; it holds " + present));
    }

    private static void show(Output output, AlbatrossState.Unikernel unikernel, DumpedUnikernel shown) {
        output.report(unikernel.name(), shown, value -> unikernel.name() + " " + JsonShapes.keyValues(value));
    }

    /** The entries, each decoded when the loop reaches it; a fault on the way is one line naming the file. */
    private static Iterable<AlbatrossState.Entry> read(Path path, AlbatrossStateCodec.Entries entries) {
        return () -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public AlbatrossState.Entry next() {
                try {
                    return entries.next();
                } catch (ProtocolError e) {
                    throw DumpFile.notAState(path, e);
                }
            }
        };
    }

    /** albatross's name for an extracted image: the unikernel's name and the time, in the temporary directory. */
    private static Path albatrossTemporaryFile(Name name) {
        String time = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return Path.of(System.getProperty("java.io.tmpdir")).resolve(name + "." + time);
    }

    private static Path write(Path target, byte[] bytes, boolean force) {
        try {
            return force ? Files.write(target, bytes)
                    : Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, target + " exists; pass --force to overwrite it");
        } catch (IOException e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "cannot write the image to " + target + ": "
                    + e.getMessage(), e);
        }
    }
}
