package org.albatross.protocol.codec;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One DER element: its identifier octet (tag class, constructed bit and a tag number of 0-30, all that albatross
 * uses) and either its children (constructed) or its content octets (primitive). Immutable. {@link Der} builds
 * values to be written; {@link DerReader} builds them from untrusted bytes, its primitive contents views of the
 * input rather than copies. Knows its encoded size from the start, so that {@link Der#bytes} can write a message
 * into an array of the exact size in one pass.
 */
final class DerValue {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int UTF8_STRING = 0x0C;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    static final int CONSTRUCTED = 0x20;
    static final int CONTEXT = 0x80;
    static final int CLASS_BITS = 0xC0;
    static final int NUMBER_BITS = 0x1F;
    /** A tag number of 31 in the identifier octet announces a number in further octets; no albatross type has one. */
    static final int HIGH_TAG_NUMBER = 0x1F;

    private final int identifier;
    private final List<DerValue> children;
    private final ByteBuffer content;
    private final int contentLength;
    private final int encodedLength;

    private DerValue(int identifier, List<DerValue> children, ByteBuffer content, int contentLength) {
        this.identifier = identifier;
        this.children = children;
        this.content = content;
        this.contentLength = contentLength;
        this.encodedLength = Math.addExact(1 + lengthOctets(contentLength), contentLength);
    }

    /** A primitive element whose content is the remaining octets of {@code content}, which it keeps, not copies. */
    static DerValue primitive(int identifier, ByteBuffer content) {
        if ((identifier & CONSTRUCTED) != 0) {
            throw new IllegalArgumentException("identifier " + Integer.toHexString(identifier) + " is constructed");
        }
        ByteBuffer view = content.slice();
        return new DerValue(identifier, List.of(), view, view.remaining());
    }

    static DerValue primitive(int identifier, byte[] content) {
        return primitive(identifier, ByteBuffer.wrap(content));
    }

    static DerValue constructed(int identifier, List<DerValue> children) {
        if ((identifier & CONSTRUCTED) == 0) {
            throw new IllegalArgumentException("identifier " + Integer.toHexString(identifier) + " is primitive");
        }
        int length = 0;
        for (DerValue child : children) {
            length = Math.addExact(length, child.encodedLength);
        }
        return new DerValue(identifier, List.copyOf(children), null, length);
    }

    /** The number of octets the definite length {@code length} takes: one below 128, else one more than its own. */
    static int lengthOctets(int length) {
        return length < 0x80 ? 1 : 1 + (Integer.BYTES - Integer.numberOfLeadingZeros(length) / Byte.SIZE);
    }

    int identifier() {
        return identifier;
    }

    int tagClass() {
        return identifier & CLASS_BITS;
    }

    int tagNumber() {
        return identifier & NUMBER_BITS;
    }

    boolean constructed() {
        return (identifier & CONSTRUCTED) != 0;
    }

    boolean isContextTag(int number) {
        return tagClass() == CONTEXT && tagNumber() == number;
    }

    /** The elements inside a constructed value; empty for a primitive one. */
    List<DerValue> children() {
        return children;
    }

    int contentLength() {
        return contentLength;
    }

    /** A primitive value's content octets, read-only. */
    ByteBuffer content() {
        return content.asReadOnlyBuffer();
    }

    /** A fresh copy of a primitive value's content octets. */
    byte[] contentBytes() {
        byte[] copy = new byte[contentLength];
        content.get(0, copy);
        return copy;
    }

    /** Identifier, length and content: the size of this element's encoding. */
    int encodedLength() {
        return encodedLength;
    }

    /** Writes this element's encoding into {@code out} at {@code at} and answers the position after it. */
    int writeTo(byte[] out, int at) {
        int position = at;
        out[position++] = (byte) identifier;
        int lengthOctets = lengthOctets(contentLength);
        if (lengthOctets == 1) {
            out[position++] = (byte) contentLength;
        } else {
            out[position++] = (byte) (0x80 | (lengthOctets - 1));
            for (int shift = (lengthOctets - 2) * Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
                out[position++] = (byte) (contentLength >>> shift);
            }
        }
        if (content != null) {
            content.get(0, out, position, contentLength);
            return position + contentLength;
        }
        for (DerValue child : children) {
            position = child.writeTo(out, position);
        }
        return position;
    }
}
