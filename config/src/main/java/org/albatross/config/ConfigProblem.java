package org.albatross.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration, phrased for the operator who has to fix it.
 *
 * @param source where the value came from: the file (with line and column for a syntax error), an environment
 *     variable, or the command line
 * @param key the configuration key concerned, or {@code ""} when the problem is not about one key
 * @param message what is wrong and what is allowed
 */
public record ConfigProblem(String source, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** E.g. {@code albatrossd.toml: console.ring-lines: -5 is not allowed: must be an integer between 16 and ...}. */
    @Override
    public String toString() {
        return source + (key.isEmpty() ? "" : ": " + key) + ": " + message;
    }
}
