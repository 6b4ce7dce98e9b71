package org.albatross.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unikernel, block device or tenant name: a path plus an optional label. Its wire form is the path, ':', then
 * the label: {@code ":hello"} is {@code hello} at the root, {@code "foo:bar:"} the path {@code foo:bar} itself and
 * {@code ":"} the root.
 */
public record Name(Path path, Optional<Label> label) {
    public static final Name ROOT = new Name(Path.ROOT, Optional.empty());
    /**
     * Names in the order of their wire form, as listings and the state file have them. Written out: Comparator's
     * combinators make serializable lambdas, which no class-data archive holds, so each would be spun at its first use.
     */
    public static final Comparator<Name> TEXT_ORDER = (a, b) -> a.toString().compareTo(b.toString());

    public Name {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
    }

    public static Name of(Path path, Label label) {
        return new Name(path, Optional.of(label));
    }

    public static Name of(Path path) {
        return new Name(path, Optional.empty());
    }

    /**
     * Parses albatross's name syntax: a trailing ':' makes the text a path, otherwise the last component is the
     * label ({@code "hello"} is the same as {@code ":hello"}).
     */
    public static Name parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidName("invalid name \"\": a name is a label (\"hello\"), a path and label "
                    + "(\"foo:hello\") or a path ending in ':' (\"foo:\")");
        }
        try {
            if (text.endsWith(":")) {
                return of(Path.parse(text.substring(0, text.length() - 1)));
            }
            Path whole = Path.parse(text);
            int last = whole.labels().size() - 1;
            return of(new Path(whole.labels().subList(0, last)), whole.labels().get(last));
        } catch (InvalidName e) {
            throw new InvalidName("invalid name \"" + text + "\": " + e.getMessage());
        }
    }

    public boolean isRoot() {
        return path.isRoot() && label.isEmpty();
    }

    /** Path and label as one path, e.g. to treat a unikernel name as the tenant path it would create. */
    public Path asPath() {
        return label.map(path::append).orElse(path);
    }

    /** This name with {@code prefix} dropped from its path, as albatross shows names to a tenant at {@code prefix}. */
    public Name relativeTo(Path prefix) {
        return new Name(path.relativeTo(prefix), label);
    }

    /** This name moved under {@code prefix}: the inverse of {@link #relativeTo(Path)}. */
    public Name under(Path prefix) {
        List<Label> labels = new ArrayList<>(prefix.labels());
        labels.addAll(path.labels());
        return new Name(new Path(labels), label);
    }

    // equals and hashCode written out, as Header's are, for a client command's start.
    @Override
    public boolean equals(Object other) {
        return other instanceof Name name && path.equals(name.path) && label.equals(name.label);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + label.hashCode();
    }

    /** The wire form: path, ':', then the label if any. */
    @Override
    public String toString() {
        return label.isPresent() ? path + ":" + label.get().value() : path + ":";
    }
}
