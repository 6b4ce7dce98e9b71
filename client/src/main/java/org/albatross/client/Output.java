package org.albatross.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.Name;

/**
 * How a command prints what it read: human tables, or one JSON object per line with {@code --json}; the progress of a
 * long transfer, when standard error is a terminal; its help and the version.
 */
final class Output {
    /**
     * Set by bin/albatross-client when standard error is a terminal ({@code test -t 2}, which Java cannot ask:
     * {@code System.console()} looks at standard input and output).
     */
    static final String STDERR_IS_TERMINAL = "albatross.stderr.terminal";

    static final Arg<Boolean> JSON = Arg.option("--json")
            .describe("Print one JSON object per reply or stream element (docs/client.md).").flag();

    private static final Arg<Boolean> VERBOSE = Arg.option(FailureReporter.VERBOSE)
            .describe("On failure, print the stack trace after the message.").flag();

    /** What every subcommand takes: {@code --json}, {@code --verbose}, its own help and version (as cmdliner gives). */
    static final List<Arg<?>> OPTIONS = List.of(JSON, VERBOSE,
            Arg.option("-h", "--help").describe("Show this help and exit.").usageHelp(),
            Arg.option("-V", "--version").describe("Print the version and exit.").versionHelp());

    final boolean json;
    private final String subcommand;
    private final Target target;
    private final PrintWriter out;
    private final PrintWriter err;

    Output(Invocation invocation) {
        json = invocation.get(JSON);
        subcommand = invocation.subcommand().name();
        target = new Target(invocation);
        out = invocation.out();
        err = invocation.err();
    }

    /** The subcommand's name, as the user's messages name what was asked. */
    String subcommand() {
        return subcommand;
    }

    /** Where commands go: the options are the top-level command's, so they may come before or after the name. */
    Target target() {
        return target;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** The progress of a transfer of {@code total} bytes (if known): drawn on a terminal, silent otherwise. */
    TransferProgress progress(OptionalLong total) {
        return Boolean.getBoolean(STDERR_IS_TERMINAL) ? TransferProgress.drawnOn(err(), total)
                : TransferProgress.silent();
    }

    /** Prints a success, or raises the daemon's failure so that it becomes the exit code. */
    void reply(Name name, Answer reply) {
        line(json ? JsonShapes.line(name, reply.success()) : HumanView.of(reply.success()));
    }

    /** Prints a stream element under the name its header carries (relative to a tenant for console and stats). */
    void data(Stream.Element element) {
        line(json ? JsonShapes.line(element.name(), element.data()) : HumanView.of(element.data()));
    }

    /** Prints what a command did locally (e.g. the file {@code get} wrote): {@code value} in JSON, else in words. */
    <T extends Record> void report(Name name, T value, Function<T, String> human) {
        line(json ? JsonShapes.line(name, value) : human.apply(value));
    }

    void line(String text) {
        PrintWriter out = out();
        out.println(text);
        out.flush();
    }
}
