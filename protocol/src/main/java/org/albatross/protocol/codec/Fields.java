package org.albatross.protocol.codec;

import java.util.Optional;
import org.albatross.protocol.ProtocolError;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/** Reads the fields of a SEQUENCE in order; untagged OPTIONAL fields are recognised by their type. */
final class Fields {
    private final ASN1Encodable[] elements;
    private final String where;
    private int next;

    Fields(ASN1Sequence sequence, String where) {
        this.elements = sequence.toArray();
        this.where = where;
    }

    Node required(String name) {
        if (next == elements.length) {
            throw new ProtocolError(where, "missing " + name + " (field " + (next + 1) + ")");
        }
        return node(name);
    }

    /** The next field if it has the given type, e.g. an INTEGER OPTIONAL before a BOOLEAN. */
    Optional<Node> optional(String name, Class<? extends ASN1Primitive> type) {
        return hasNext() && type.isInstance(peek()) ? Optional.of(node(name)) : Optional.empty();
    }

    /** The content of the next field if it is the EXPLICIT context tag [tag]. */
    Optional<Node> optionalExplicit(String name, int tag) {
        return optionalTagged(name, tag).map(node -> new Node(node.choice().content(), node.where()));
    }

    /** The next field, still tagged, if it carries the context tag [tag] (for IMPLICIT fields). */
    Optional<Node> optionalTagged(String name, int tag) {
        return hasNext() && peek() instanceof ASN1TaggedObject tagged
                && tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC && tagged.getTagNo() == tag
                ? Optional.of(node(name)) : Optional.empty();
    }

    /** Refuses fields left over after the last one the grammar knows. */
    void end() {
        if (next < elements.length) {
            throw new ProtocolError(where, "unexpected " + Node.describe(peek()) + " as field " + (next + 1)
                    + ", after the last field");
        }
    }

    private boolean hasNext() {
        return next < elements.length;
    }

    private ASN1Primitive peek() {
        return elements[next].toASN1Primitive();
    }

    private Node node(String name) {
        return new Node(elements[next++].toASN1Primitive(), Node.place(where, name));
    }
}
