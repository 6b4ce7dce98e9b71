package org.albatross.protocol.codec;

import org.albatross.protocol.ProtocolError;

/**
 * Checks the tag-length skeleton of untrusted input before Bouncy Castle parses it: exactly one element, every
 * length definite and inside its parent, and nesting no deeper than any albatross message needs. Bouncy Castle
 * parses nested elements recursively, so without the depth bound a few kilobytes of nested tags would overflow
 * the stack; without the length check it would report truncation less precisely.
 */
final class DerShape {
    /** Deepest albatross message: wire, payload, reply, info list, entry, info, bridges, set, entry = 9 levels. */
    static final int MAX_DEPTH = 16;

    private DerShape() {
    }

    static void check(byte[] input) {
        if (input.length == 0) {
            throw new ProtocolError("", "empty input, expected a DER SEQUENCE");
        }
        int[] ends = new int[MAX_DEPTH + 1];
        ends[0] = input.length;
        int depth = 0;
        int position = 0;
        while (position < input.length) {
            while (depth > 0 && position == ends[depth]) {
                depth--;
            }
            if (depth == 0 && position > 0) {
                throw new ProtocolError("", "trailing bytes: " + (input.length - position)
                        + " bytes after the message at offset " + position);
            }
            int start = position;
            int tag = input[position++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                throw new ProtocolError("", "tag number above 30 at offset " + start + " (no albatross message uses one)");
            }
            if (position >= ends[depth]) {
                throw new ProtocolError("", "truncated input: element at offset " + start + " has no length");
            }
            int first = input[position++] & 0xFF;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                throw new ProtocolError("", "indefinite length at offset " + start + " (BER, not DER)");
            } else {
                int octets = first & 0x7F;
                if (octets > 4) {
                    throw new ProtocolError("", "length of element at offset " + start + " takes " + octets
                            + " bytes, more than any albatross message needs");
                }
                if (position + octets > ends[depth]) {
                    throw new ProtocolError("", "truncated input: length of element at offset " + start + " is cut off");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = length << 8 | (input[position++] & 0xFF);
                }
            }
            if (position + length > ends[depth]) {
                throw new ProtocolError("", "truncated input: element at offset " + start + " declares " + length
                        + " bytes but only " + (ends[depth] - position) + " remain");
            }
            if ((tag & 0x20) != 0) {
                if (depth == MAX_DEPTH) {
                    throw new ProtocolError("", "elements nested deeper than " + MAX_DEPTH + " levels at offset " + start);
                }
                ends[++depth] = position + (int) length;
            } else {
                position += (int) length;
            }
        }
    }
}
