package org.albatross.client.cli;

import java.util.List;

/**
 * A command-line program: its name, what it does, the options every subcommand takes (before or after the
 * subcommand's name) and its subcommands, in the order its usage lists them.
 */
public record Program(String name, String description, List<Arg<?>> options, List<Subcommand> subcommands) {
    public Program {
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
    }

    /** The subcommand {@code word} names, or null. */
    Subcommand subcommand(String word) {
        for (Subcommand subcommand : subcommands) {
            if (subcommand.isNamed(word)) {
                return subcommand;
            }
        }
        return null;
    }
}
