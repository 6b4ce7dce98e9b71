package org.albatross.protocol.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.albatross.protocol.ProtocolError;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

/** albatross's encoding conventions on top of Bouncy Castle: building values, and the two byte boundaries. */
final class Der {

    private Der() {
    }

    /** Parses untrusted bytes into one ASN.1 value; nothing but {@link ProtocolError} escapes. */
    static Node parse(byte[] input, String where) {
        DerShape.check(input);
        try (ASN1InputStream stream = new ASN1InputStream(input)) {
            return new Node(stream.readObject(), where);
        } catch (IOException | RuntimeException e) {
            throw new ProtocolError(where, "malformed DER: " + e.getMessage(), e);
        }
    }

    /**
     * The DER bytes of {@code value}, written straight into an array of the exact size: a first pass only counts.
     * Bouncy Castle's {@code getEncoded} grows a ByteArrayOutputStream from 32 bytes and copies it once more at
     * the end, three extra megabytes for a create command with a 1 MiB image.
     */
    static byte[] bytes(ASN1Encodable value) {
        ASN1Primitive primitive = value.toASN1Primitive();
        try {
            ExactArrayOutput counted = new ExactArrayOutput(null);
            primitive.encodeTo(counted, ASN1Encoding.DER);
            ExactArrayOutput written = new ExactArrayOutput(new byte[counted.position]);
            primitive.encodeTo(written, ASN1Encoding.DER);
            return written.array;
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding into memory failed", e);
        }
    }

    /** Writes into a fixed array, or only counts the bytes when it has none. */
    private static final class ExactArrayOutput extends OutputStream {
        private final byte[] array;
        private int position;

        ExactArrayOutput(byte[] array) {
            this.array = array;
        }

        @Override
        public void write(int b) {
            if (array != null) {
                array[position] = (byte) b;
            }
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (array != null) {
                System.arraycopy(bytes, offset, array, position, length);
            }
            position += length;
        }
    }

    static DERSequence sequence(ASN1Encodable... fields) {
        return new DERSequence(fields);
    }

    /** A SEQUENCE with the OPTIONAL fields that are present. */
    @SafeVarargs
    static DERSequence sequenceOfPresent(Optional<? extends ASN1Encodable>... fields) {
        ASN1EncodableVector present = new ASN1EncodableVector(fields.length);
        for (Optional<? extends ASN1Encodable> field : fields) {
            field.ifPresent(present::add);
        }
        return new DERSequence(present);
    }

    /** A SEQUENCE with the OPTIONAL fields that are present. */
    static DERSequence sequenceOfPresent(List<Optional<? extends ASN1Encodable>> fields) {
        return new DERSequence(fields.stream().flatMap(Optional::stream).toArray(ASN1Encodable[]::new));
    }

    static <T> DERSequence sequenceOf(Collection<T> elements, Function<T, ? extends ASN1Encodable> encode) {
        return new DERSequence(encodeAll(elements, encode));
    }

    /** A SET OF; DER sorts its elements by their encodings. */
    static <T> DERSet setOf(Collection<T> elements, Function<T, ? extends ASN1Encodable> encode) {
        return new DERSet(encodeAll(elements, encode));
    }

    private static <T> ASN1EncodableVector encodeAll(Collection<T> elements, Function<T, ? extends ASN1Encodable> encode) {
        ASN1EncodableVector vector = new ASN1EncodableVector(elements.size());
        elements.forEach(element -> vector.add(encode.apply(element)));
        return vector;
    }

    static DERTaggedObject explicit(int tag, ASN1Encodable content) {
        return new DERTaggedObject(true, tag, content);
    }

    static DERTaggedObject explicitNull(int tag) {
        return explicit(tag, DERNull.INSTANCE);
    }

    static ASN1Integer integer(long value) {
        return new ASN1Integer(value);
    }

    static ASN1Integer integer(BigInteger value) {
        return new ASN1Integer(value);
    }

    static ASN1Boolean bool(boolean value) {
        return ASN1Boolean.getInstance(value);
    }

    static DERUTF8String utf8(String value) {
        return new DERUTF8String(value);
    }

    static DEROctetString octets(byte[] value) {
        return new DEROctetString(value);
    }

    /** albatross's int64: an 8-byte big-endian OCTET STRING. */
    static DEROctetString int64(long value) {
        byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[i] = (byte) (value >>> (8 * (Long.BYTES - 1 - i)));
        }
        return new DEROctetString(bytes);
    }

    /** GeneralizedTime in UTC, formatted by {@link GeneralizedTimes}. */
    static DERGeneralizedTime time(Instant instant) {
        return new DERGeneralizedTime(GeneralizedTimes.format(instant));
    }

    /** For the end of an instanceof chain over a sealed type, which Java 17 cannot check for exhaustiveness. */
    static IllegalStateException unencodable(Object value) {
        return new IllegalStateException("no encoding for " + value.getClass().getName());
    }
}
