package org.albatross.protocol.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.albatross.protocol.ProtocolError;

/**
 * Reads untrusted bytes into {@link DerValue}s, holding them to DER's encoding rules as it goes: one-octet
 * identifiers (tag numbers up to 30), definite lengths in their shortest form and inside their parent, SEQUENCE
 * and SET constructed and every other universal type primitive, nothing after the last element, and nesting no
 * deeper than any albatross message needs (the reader recurses once per level, so the bound also keeps a few
 * kilobytes of nested tags from exhausting the stack). What a primitive's content must look like (a minimal
 * INTEGER, a BOOLEAN of 0x00 or 0xFF) is checked where it is read, by {@link Node}, which can say where it sits.
 * Every fault is one {@link ProtocolError} naming the offset.
 */
final class DerReader {
    /** Deepest albatross message: wire, payload, reply, info list, entry, info, bridges, set, entry = 9 levels. */
    static final int MAX_DEPTH = 16;
    /** Four length octets reach 4 GiB, beyond any frame; more would only be a way to declare absurd sizes. */
    private static final int MAX_LENGTH_OCTETS = Integer.BYTES;
    private static final int UNIVERSAL_SEQUENCE = DerValue.SEQUENCE & DerValue.NUMBER_BITS;
    private static final int UNIVERSAL_SET = DerValue.SET & DerValue.NUMBER_BITS;

    private final ByteBuffer input;
    private final String where;

    private DerReader(ByteBuffer input, String where) {
        this.input = input;
        this.where = where;
    }

    /** The one element that the remaining bytes of {@code input} hold; its primitive contents are views of them. */
    static DerValue read(ByteBuffer input, String where) {
        ByteBuffer bytes = input.slice();
        if (!bytes.hasRemaining()) {
            throw new ProtocolError(where, "empty input, expected a DER SEQUENCE");
        }
        Header whole = Header.at(bytes, 0, bytes.limit(), where);
        if (whole.end() != bytes.limit()) {
            throw new ProtocolError(where, "trailing bytes: " + (bytes.limit() - whole.end())
                    + " bytes after the message at offset " + whole.end());
        }
        return new DerReader(bytes, where).value(whole, 1);
    }

    private DerValue value(Header header, int depth) {
        if (!header.constructed()) {
            return DerValue.primitive(header.identifier(), input.slice(header.contentStart(), header.length()));
        }
        if (depth > MAX_DEPTH) {
            throw new ProtocolError(where, "elements nested deeper than " + MAX_DEPTH + " levels at offset "
                    + header.start());
        }
        List<DerValue> children = new ArrayList<>();
        for (int position = header.contentStart(); position < header.end(); ) {
            Header child = Header.at(input, position, header.end(), where);
            children.add(value(child, depth + 1));
            position = child.end();
        }
        return DerValue.constructed(header.identifier(), children);
    }

    /**
     * The identifier and length octets of one element at {@code start}, checked to be DER and to lie inside
     * {@code [start, parentEnd)}. Also for readers that walk a large structure element by element (albatross's
     * state file) without reading all of it into values at once.
     */
    record Header(int start, int identifier, int contentStart, int end) {

        static Header at(ByteBuffer bytes, int start, int parentEnd, String where) {
            if (start >= parentEnd) {
                throw new ProtocolError(where, "missing: the data ends at offset " + start);
            }
            int identifier = bytes.get(start) & 0xFF;
            if ((identifier & DerValue.NUMBER_BITS) == DerValue.HIGH_TAG_NUMBER) {
                throw new ProtocolError(where, "tag number above 30 at offset " + start
                        + " (no albatross message uses one)");
            }
            checkForm(identifier, start, where);
            int position = start + 1;
            if (position >= parentEnd) {
                throw new ProtocolError(where, "truncated input: element at offset " + start + " has no length");
            }
            int first = bytes.get(position++) & 0xFF;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                throw new ProtocolError(where, "indefinite length at offset " + start + " (BER, not DER)");
            } else {
                int octets = first & 0x7F;
                if (octets > MAX_LENGTH_OCTETS) {
                    throw new ProtocolError(where, "length of element at offset " + start + " takes " + octets
                            + " bytes, more than any albatross message needs");
                }
                if (position + octets > parentEnd) {
                    throw new ProtocolError(where, "truncated input: length of element at offset " + start
                            + " is cut off");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = length << Byte.SIZE | (bytes.get(position++) & 0xFF);
                }
                if (length <= Integer.MAX_VALUE && DerValue.lengthOctets((int) length) != 1 + octets) {
                    throw new ProtocolError(where, "length " + length + " of element at offset " + start
                            + " is not in its shortest form (BER, not DER)");
                }
            }
            if (length > parentEnd - position) {
                throw new ProtocolError(where, "truncated input: element at offset " + start + " declares " + length
                        + " bytes but only " + (parentEnd - position) + " remain");
            }
            return new Header(start, identifier, position, position + (int) length);
        }

        /** DER encodes SEQUENCE and SET constructed, every other universal type primitive. */
        private static void checkForm(int identifier, int start, String where) {
            if ((identifier & DerValue.CLASS_BITS) != 0) {
                return;
            }
            int number = identifier & DerValue.NUMBER_BITS;
            boolean collection = number == UNIVERSAL_SEQUENCE || number == UNIVERSAL_SET;
            boolean constructed = (identifier & DerValue.CONSTRUCTED) != 0;
            if (collection && !constructed) {
                throw new ProtocolError(where, "primitive " + (number == UNIVERSAL_SET ? "SET" : "SEQUENCE")
                        + " at offset " + start + " (DER encodes it constructed)");
            }
            if (!collection && constructed) {
                throw new ProtocolError(where, "constructed encoding of universal type " + number + " at offset "
                        + start + " (BER, not DER)");
            }
        }

        boolean constructed() {
            return (identifier & DerValue.CONSTRUCTED) != 0;
        }

        int length() {
            return end - contentStart;
        }
    }
}
