package org.albatross.protocol.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.albatross.protocol.Octets;
import org.albatross.protocol.ProtocolError;

/** albatross's encoding conventions: building {@link DerValue}s, and the two byte boundaries. */
final class Der {
    private static final int INT64_BYTES = Long.BYTES;

    private Der() {
    }

    /** Parses untrusted bytes into one ASN.1 value; nothing but {@link ProtocolError} escapes. */
    static Node parse(byte[] input, String where) {
        return parse(ByteBuffer.wrap(input), where);
    }

    /** As {@link #parse(byte[], String)}, over the remaining bytes of {@code input}, which it reads in place. */
    static Node parse(ByteBuffer input, String where) {
        return new Node(DerReader.read(input, where), where);
    }

    /**
     * The DER bytes of {@code value}, written in one pass into an array of the exact size, which each value
     * knows from when it was built: an image is copied once, from its {@link Octets} into the message.
     */
    static byte[] bytes(DerValue value) {
        byte[] out = new byte[value.encodedLength()];
        value.writeTo(out, 0);
        return out;
    }

    static DerValue sequence(DerValue... fields) {
        return DerValue.constructed(DerValue.SEQUENCE, List.of(fields));
    }

    /** A SEQUENCE with the OPTIONAL fields that are present. */
    @SafeVarargs
    static DerValue sequenceOfPresent(Optional<DerValue>... fields) {
        return sequenceOfPresent(Arrays.asList(fields));
    }

    /** A SEQUENCE with the OPTIONAL fields that are present. */
    static DerValue sequenceOfPresent(List<Optional<DerValue>> fields) {
        return DerValue.constructed(DerValue.SEQUENCE, fields.stream().flatMap(Optional::stream).toList());
    }

    static <T> DerValue sequenceOf(Collection<T> elements, Function<T, DerValue> encode) {
        return DerValue.constructed(DerValue.SEQUENCE, elements.stream().map(encode).toList());
    }

    /**
     * A SET OF; DER puts its elements in the ascending order of their encodings, compared as unsigned octets with
     * a shorter encoding before a longer one that it begins.
     */
    static <T> DerValue setOf(Collection<T> elements, Function<T, DerValue> encode) {
        List<DerValue> values = elements.stream().map(encode).toList();
        List<byte[]> encodings = new ArrayList<>(values.size());
        values.forEach(value -> encodings.add(bytes(value)));
        Integer[] order = new Integer[values.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(encodings::get, Arrays::compareUnsigned));
        return DerValue.constructed(DerValue.SET, Arrays.stream(order).map(values::get).toList());
    }

    /** {@code [tag] EXPLICIT}: a constructed context tag around the whole of {@code content}. */
    static DerValue explicit(int tag, DerValue content) {
        return DerValue.constructed(context(tag), List.of(content));
    }

    static DerValue explicitNull(int tag) {
        return explicit(tag, DerValue.primitive(DerValue.NULL, new byte[0]));
    }

    /** {@code [tag] IMPLICIT} of a SEQUENCE or SET: the context tag in place of the universal one. */
    static DerValue implicit(int tag, DerValue constructed) {
        return DerValue.constructed(context(tag), constructed.children());
    }

    private static int context(int tag) {
        if (tag < 0 || tag >= DerValue.HIGH_TAG_NUMBER) {
            throw new IllegalArgumentException("tag number " + tag + " needs more than one identifier octet");
        }
        return DerValue.CONTEXT | DerValue.CONSTRUCTED | tag;
    }

    /** An INTEGER in the fewest two's-complement octets that hold it, as DER requires. */
    static DerValue integer(long value) {
        int significantBits = Long.SIZE - Long.numberOfLeadingZeros(value ^ (value >> (Long.SIZE - 1)));
        byte[] content = new byte[significantBits / Byte.SIZE + 1];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (value >> (Byte.SIZE * (content.length - 1 - i)));
        }
        return DerValue.primitive(DerValue.INTEGER, content);
    }

    static DerValue integer(BigInteger value) {
        return DerValue.primitive(DerValue.INTEGER, value.toByteArray());
    }

    static DerValue bool(boolean value) {
        return DerValue.primitive(DerValue.BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static DerValue utf8(String value) {
        return DerValue.primitive(DerValue.UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
    }

    static DerValue octets(byte[] value) {
        return DerValue.primitive(DerValue.OCTET_STRING, value);
    }

    /** An OCTET STRING that reads {@code value}'s bytes in place: they are copied only into the message. */
    static DerValue octets(Octets value) {
        return DerValue.primitive(DerValue.OCTET_STRING, value.asReadOnlyBuffer());
    }

    /** albatross's int64: an 8-byte big-endian OCTET STRING. */
    static DerValue int64(long value) {
        return DerValue.primitive(DerValue.OCTET_STRING, ByteBuffer.allocate(INT64_BYTES).putLong(0, value));
    }

    /** GeneralizedTime in UTC, formatted by {@link GeneralizedTimes}. */
    static DerValue time(Instant instant) {
        return DerValue.primitive(DerValue.GENERALIZED_TIME, GeneralizedTimes.format(instant));
    }

    /** For the end of an instanceof chain over a sealed type, which Java 17 cannot check for exhaustiveness. */
    static IllegalStateException unencodable(Object value) {
        return new IllegalStateException("no encoding for " + value.getClass().getName());
    }
}
