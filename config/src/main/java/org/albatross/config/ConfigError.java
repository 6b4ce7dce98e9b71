package org.albatross.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used: every problem found, each on its own line in {@link #getMessage()}. A user error,
 * so it carries no stack trace: print the message and exit.
 */
public final class ConfigError extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigError(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order of the sources and keys they concern. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
