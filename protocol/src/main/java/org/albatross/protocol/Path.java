package org.albatross.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant path: a sequence of labels written {@code a:b:c}. The root path has no labels and prints as the
 * empty string.
 */
public record Path(List<Label> labels) {
    public static final Path ROOT = new Path(List.of());

    public Path {
        labels = List.copyOf(labels);
    }

    public static Path of(String... labels) {
        List<Label> parsed = new ArrayList<>(labels.length);
        for (String label : labels) {
            parsed.add(Label.of(label));
        }
        return new Path(parsed);
    }

    /**
     * Parses {@code a:b:c} as albatross does: the empty string is the root and one leading ':' is ignored, so
     * {@code ":a:b"} is {@code a:b}; every label between separators must be valid and non-empty.
     */
    public static Path parse(String text) {
        String[] parts = text.split(":", -1);
        int first = parts[0].isEmpty() ? 1 : 0;
        List<Label> parsed = new ArrayList<>(parts.length);
        for (int i = first; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw new InvalidName("invalid path \"" + text + "\": empty label at position " + (i - first + 1));
            }
            try {
                parsed.add(Label.of(parts[i]));
            } catch (InvalidName e) {
                throw new InvalidName("invalid path \"" + text + "\": " + e.getMessage());
            }
        }
        return new Path(parsed);
    }

    public boolean isRoot() {
        return labels.isEmpty();
    }

    public Path append(Label label) {
        List<Label> longer = new ArrayList<>(labels);
        longer.add(label);
        return new Path(longer);
    }

    /** The path one level up; the root is its own parent. */
    public Path parent() {
        return isRoot() ? this : new Path(labels.subList(0, labels.size() - 1));
    }

    /** Whether this path is {@code other} or lies under it. */
    public boolean startsWith(Path other) {
        return labels.size() >= other.labels.size() && labels.subList(0, other.labels.size()).equals(other.labels);
    }

    /** This path with {@code prefix} dropped from its front, as albatross shows names to a tenant at {@code prefix}. */
    public Path relativeTo(Path prefix) {
        if (!startsWith(prefix)) {
            throw new InvalidName("path \"" + this + "\" does not lie under \"" + prefix + "\"");
        }
        return new Path(labels.subList(prefix.labels.size(), labels.size()));
    }

    // equals and hashCode written out, as Header's are, for a client command's start.
    @Override
    public boolean equals(Object other) {
        return other instanceof Path path && labels.equals(path.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    /**
     * The labels joined by ':'. A loop, not a stream: names are sorted by this form (listings, the restore's order),
     * some 1,400 calls for 100 unikernels, which a start makes interpreted.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            text.append(i == 0 ? "" : ":").append(labels.get(i).value());
        }
        return text.toString();
    }
}
