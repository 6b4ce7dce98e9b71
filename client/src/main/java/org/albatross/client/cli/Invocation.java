package org.albatross.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A subcommand asked for, with the value of each of its arguments and of the program's options: a flag's
 * {@code true} or {@code false}; a value, its default, or null when neither was given; a repeated argument's values,
 * or null when none was given.
 */
public final class Invocation {
    private final Subcommand subcommand;
    private final Map<Arg<?>, Object> values;
    private final List<String> args;
    private final PrintWriter out;
    private final PrintWriter err;

    Invocation(Subcommand subcommand, Map<Arg<?>, Object> values, List<String> args, PrintWriter out,
            PrintWriter err) {
        this.subcommand = subcommand;
        this.values = values;
        this.args = List.copyOf(args);
        this.out = out;
        this.err = err;
    }

    public Subcommand subcommand() {
        return subcommand;
    }

    /** The value of {@code arg}, which must be the subcommand's or the program's. */
    @SuppressWarnings("unchecked")
    public <T> T get(Arg<T> arg) {
        if (!values.containsKey(arg)) {
            throw new IllegalArgumentException(arg + " is no argument of " + subcommand.name());
        }
        return (T) values.get(arg);
    }

    /** The command line as given. */
    public List<String> args() {
        return args;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Every argument's value, for a test that two parsers read a command line alike. */
    Map<Arg<?>, Object> values() {
        return values;
    }
}
