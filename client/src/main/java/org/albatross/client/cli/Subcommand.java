package org.albatross.client.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A subcommand: its name and aliases, what it does in one sentence, its arguments (positional ones in their order),
 * and what runs it.
 */
public record Subcommand(String name, List<String> aliases, String description, List<Arg<?>> args, Action action) {
    /** What a subcommand does with its arguments: its exit code, or a failure the client reports in one line. */
    @FunctionalInterface
    public interface Action {
        int run(Invocation invocation) throws Exception;
    }

    public Subcommand {
        aliases = List.copyOf(aliases);
        args = List.copyOf(args);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Whether {@code word} names this subcommand. */
    boolean isNamed(String word) {
        return name.equals(word) || aliases.contains(word);
    }

    /** A subcommand described argument by argument, in the order of its positional parameters. */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final List<Arg<?>> args = new ArrayList<>();
        private String description;

        private Builder(String name) {
            this.name = name;
        }

        public Builder alias(String alias) {
            aliases.add(alias);
            return this;
        }

        public Builder describe(String description) {
            this.description = description;
            return this;
        }

        public Builder with(Arg<?>... more) {
            args.addAll(List.of(more));
            return this;
        }

        public Builder with(List<Arg<?>> more) {
            args.addAll(more);
            return this;
        }

        public Subcommand runs(Action action) {
            return new Subcommand(name, aliases, description, args, action);
        }
    }
}
