package org.albatross.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Parser;
import org.albatross.client.cli.Program;
import org.albatross.client.cli.Subcommand;

/**
 * {@code albatross-client}: one command line for local and remote use, with albatross's subcommand names, flags
 * and exit codes (docs/client.md).
 *
 * <p>A command line that names a subcommand and parses runs from the client's own {@link Parser}: picocli, which
 * builds its model of a command line by reflection and took most of a local command's start, is loaded only for
 * help, the version, the completion script and usage errors ({@link ClientCommandLine}), from the same
 * {@link #PROGRAM}.
 */
public final class AlbatrossClient {
    /** Every subcommand, in the order the usage lists them, and the options they all take. */
    static final Program PROGRAM = new Program("albatross-client",
            "Deploys and manages unikernels on an albatross daemon, locally or over mutual TLS.", Target.OPTIONS,
            subcommands(UnikernelCommands.SUBCOMMANDS, StreamCommands.SUBCOMMANDS, PolicyCommands.SUBCOMMANDS,
                    BlockCommands.SUBCOMMANDS, ProvisionCommands.SUBCOMMANDS, DumpCommands.SUBCOMMANDS,
                    UpdateCommands.SUBCOMMANDS));

    private AlbatrossClient() {
    }

    /** The services' subcommands in one list (a loop, not a stream: this runs on every command's start). */
    @SafeVarargs
    private static List<Subcommand> subcommands(List<Subcommand>... services) {
        List<Subcommand> all = new ArrayList<>();
        for (List<Subcommand> service : services) {
            all.addAll(service);
        }
        return all;
    }

    /** Runs one command line with its output and errors going to the given writers; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        Optional<Invocation> parsed = new Parser(PROGRAM).parse(List.of(args), out, err);
        if (parsed.isEmpty()) {
            return ClientCommandLine.of().setOut(out).setErr(err).execute(args);
        }
        Invocation invocation = parsed.get();
        Subcommand subcommand = invocation.subcommand();
        try {
            return subcommand.action().run(invocation);
        } catch (Exception failure) {
            return FailureReporter.report(failure, err, invocation.args());
        }
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(exit);
    }
}
