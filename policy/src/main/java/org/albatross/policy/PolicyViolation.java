package org.albatross.policy;

import java.util.Objects;

import org.albatross.protocol.Path;

/**
 * A refused operation on the resource tree or a refused delegation: which rule, at which path, and what was asked
 * against what is allowed, e.g. {@code "arc: too much memory: requested 600 MB, 512 MB allowed, 0 MB in use"}.
 */
public final class PolicyViolation extends Exception {
    private static final long serialVersionUID = 1L;

    /** The rule that refused; its phrase follows albatross's messages where albatross has one. */
    public enum Rule {
        UNIKERNELS("maximum amount of unikernels reached"),
        MEMORY("too much memory"),
        CPU_IDS("cpuid not allowed"),
        BRIDGES("wrong bridge"),
        BLOCK_STORAGE("block disallowed"),
        DELEGATION("delegated policy does not fit"),
        UNUSABLE("unusable policy"),
        NAME("invalid name"),
        UNKNOWN("no such name"),
        TAKEN("name already taken"),
        IN_USE("in use");

        private final String phrase;

        Rule(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    private final transient Path path;
    private final Rule rule;
    private final String detail;

    public PolicyViolation(Path path, Rule rule, String detail) {
        super(where(path) + ": " + rule.phrase() + ": " + detail);
        this.path = Objects.requireNonNull(path, "path");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The path whose policy (or usage) refused. */
    public Path path() {
        return path;
    }

    public Rule rule() {
        return rule;
    }

    /** The request against the limit, without the path and rule. */
    public String detail() {
        return detail;
    }

    /** A path as messages show it; the root has no labels, so it gets a name that no label can be. */
    static String where(Path path) {
        return path.isRoot() ? "(root)" : path.toString();
    }
}
