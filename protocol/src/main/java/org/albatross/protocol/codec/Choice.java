package org.albatross.protocol.codec;

import org.albatross.protocol.ProtocolError;

/** The alternative of a CHOICE that a message chose: its tag number and its content. */
record Choice(int tag, DerValue content, String where) {

    /** The content, located as {@code where.label}. */
    Node node(String label) {
        return new Node(content, Node.place(where, label));
    }

    /** Checks that the content is NULL, as for alternatives that carry nothing, and answers {@code value}. */
    <T> T empty(String label, T value) {
        node(label).nul();
        return value;
    }

    ProtocolError unknown(String what) {
        return new ProtocolError(where, "unknown " + what + " tag [" + tag + "]");
    }

    /** For tags albatross used once and no longer sends, and that we do not map onto the current model. */
    ProtocolError obsolete(String what) {
        return new ProtocolError(where, what + " (tag [" + tag + "]) is an obsolete albatross form that we do not"
                + " accept; upgrade the client to albatross 2.x");
    }
}
