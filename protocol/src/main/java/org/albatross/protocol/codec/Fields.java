package org.albatross.protocol.codec;

import java.util.List;
import java.util.Optional;
import org.albatross.protocol.ProtocolError;

/** Reads the fields of a SEQUENCE in order; untagged OPTIONAL fields are recognised by their type. */
final class Fields {
    private final List<DerValue> elements;
    private final String where;
    private int next;

    Fields(List<DerValue> elements, String where) {
        this.elements = elements;
        this.where = where;
    }

    Node required(String name) {
        if (next == elements.size()) {
            throw new ProtocolError(where, "missing " + name + " (field " + (next + 1) + ")");
        }
        return node(name);
    }

    /**
     * The next field if it has the given type ({@link DerValue#INTEGER}, ...), e.g. an INTEGER OPTIONAL before a
     * BOOLEAN.
     */
    Optional<Node> optional(String name, int identifier) {
        return hasNext() && peek().identifier() == identifier ? Optional.of(node(name)) : Optional.empty();
    }

    /** The content of the next field if it is the EXPLICIT context tag [tag]. */
    Optional<Node> optionalExplicit(String name, int tag) {
        return optionalTagged(name, tag).map(node -> new Node(node.choice().content(), node.where()));
    }

    /** The next field, still tagged, if it carries the context tag [tag] (for IMPLICIT fields). */
    Optional<Node> optionalTagged(String name, int tag) {
        return hasNext() && peek().isContextTag(tag) ? Optional.of(node(name)) : Optional.empty();
    }

    /** Refuses fields left over after the last one the grammar knows. */
    void end() {
        if (hasNext()) {
            throw new ProtocolError(where, "unexpected " + Node.describe(peek()) + " as field " + (next + 1)
                    + ", after the last field");
        }
    }

    private boolean hasNext() {
        return next < elements.size();
    }

    private DerValue peek() {
        return elements.get(next);
    }

    private Node node(String name) {
        return new Node(elements.get(next++), Node.place(where, name));
    }
}
