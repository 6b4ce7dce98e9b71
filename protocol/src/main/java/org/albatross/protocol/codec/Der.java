package org.albatross.protocol.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
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
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

/** albatross's encoding conventions on top of Bouncy Castle: building values, and the two byte boundaries. */
final class Der {
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

    private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

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

    static byte[] bytes(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding into memory failed", e);
        }
    }

    static DERSequence sequence(ASN1Encodable... fields) {
        return new DERSequence(fields);
    }

    /** A SEQUENCE with the OPTIONAL fields that are present. */
    @SafeVarargs
    static DERSequence sequenceOfPresent(Optional<? extends ASN1Encodable>... fields) {
        return sequenceOfPresent(Arrays.asList(fields));
    }

    /** A SEQUENCE with the OPTIONAL fields that are present. */
    static DERSequence sequenceOfPresent(List<Optional<? extends ASN1Encodable>> fields) {
        ASN1EncodableVector present = new ASN1EncodableVector(fields.size());
        for (Optional<? extends ASN1Encodable> field : fields) {
            field.ifPresent(present::add);
        }
        return new DERSequence(present);
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

    /**
     * GeneralizedTime in UTC. Whole seconds print as albatross writes them ({@code 20250101000000Z}); a sub-second
     * part is kept to the nanosecond with trailing zeros dropped, as DER requires, so that a console {@code since}
     * survives the trip exactly.
     */
    static DERGeneralizedTime time(Instant instant) {
        if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            throw new IllegalArgumentException("time " + instant + " is outside the years 0000-9999 that GeneralizedTime carries");
        }
        String seconds = SECONDS.format(instant);
        int nanos = instant.getNano();
        if (nanos == 0) {
            return new DERGeneralizedTime(seconds + "Z");
        }
        String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
        return new DERGeneralizedTime(seconds + "." + fraction + "Z");
    }

    /** For the end of an instanceof chain over a sealed type, which Java 17 cannot check for exhaustiveness. */
    static IllegalStateException unencodable(Object value) {
        return new IllegalStateException("no encoding for " + value.getClass().getName());
    }
}
