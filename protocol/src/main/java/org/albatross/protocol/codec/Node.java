package org.albatross.protocol.codec;

import java.math.BigInteger;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Name;
import org.albatross.protocol.ProtocolError;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.BERTags;

/**
 * A decoded ASN.1 value and where it sits in the message ({@code payload.command.unikernel.create.memory}). Every
 * accessor checks the type and range it expects and otherwise throws a {@link ProtocolError} naming that place.
 */
record Node(ASN1Primitive value, String where) {
    private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
            ASN1Sequence.class, "SEQUENCE", ASN1Set.class, "SET", ASN1Integer.class, "INTEGER",
            ASN1OctetString.class, "OCTET STRING", ASN1UTF8String.class, "UTF8String", ASN1Boolean.class, "BOOLEAN",
            ASN1Null.class, "NULL", ASN1GeneralizedTime.class, "GeneralizedTime");

    /** The place of {@code name} inside {@code where}: {@code header} at the top, {@code header.name} below. */
    static String place(String where, String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    ProtocolError error(String what) {
        return new ProtocolError(where, what);
    }

    Fields sequence() {
        return new Fields(expect(ASN1Sequence.class, "SEQUENCE"), where);
    }

    /** Elements of a SEQUENCE OF, each decoded by {@code element} at {@code where[i]}. */
    <T> List<T> sequenceOf(Function<Node, T> element) {
        return elements(expect(ASN1Sequence.class, "SEQUENCE").toArray(), element);
    }

    /** Elements of a SET OF, each decoded by {@code element} at {@code where[i]}. */
    <T> List<T> setOf(Function<Node, T> element) {
        return elements(expect(ASN1Set.class, "SET").toArray(), element);
    }

    private <T> List<T> elements(ASN1Encodable[] elements, Function<Node, T> element) {
        List<T> decoded = new ArrayList<>(elements.length);
        for (int i = 0; i < elements.length; i++) {
            decoded.add(element.apply(new Node(elements[i].toASN1Primitive(), where + "[" + i + "]")));
        }
        return decoded;
    }

    /** An EXPLICIT context-specific tag: one alternative of a CHOICE. */
    Choice choice() {
        ASN1TaggedObject tagged = expect(ASN1TaggedObject.class, "a context tag [n]");
        if (tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
            throw error("expected a context tag [n], got " + describe(value));
        }
        if (!tagged.isExplicit()) {
            throw error("tag [" + tagged.getTagNo() + "] must be EXPLICIT (constructed, one element)");
        }
        return new Choice(tagged.getTagNo(), tagged.getExplicitBaseObject().toASN1Primitive(), where);
    }

    /** The SEQUENCE inside an IMPLICIT context tag, such as statistics' {@code kinfo-mem [1] IMPLICIT}. */
    Node implicitSequence() {
        ASN1TaggedObject tagged = expect(ASN1TaggedObject.class, "a context tag [n]");
        try {
            return new Node(ASN1Sequence.getInstance(tagged, false).toASN1Primitive(), where);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw error("expected [" + tagged.getTagNo() + "] IMPLICIT SEQUENCE: " + e.getMessage());
        }
    }

    void nul() {
        expect(ASN1Null.class, "NULL");
    }

    boolean bool() {
        return expect(ASN1Boolean.class, "BOOLEAN").isTrue();
    }

    String utf8() {
        ASN1UTF8String text = expect(ASN1UTF8String.class, "UTF8String");
        try {
            return text.getString();
        } catch (IllegalArgumentException e) {
            throw error("UTF8String is not valid UTF-8");
        }
    }

    byte[] octets() {
        return expect(ASN1OctetString.class, "OCTET STRING").getOctets();
    }

    BigInteger bigInteger() {
        return expect(ASN1Integer.class, "INTEGER").getValue();
    }

    long integer(long min, long max) {
        BigInteger value = bigInteger();
        if (value.bitLength() > 63 || value.longValue() < min || value.longValue() > max) {
            throw error("integer " + value + " out of range " + min + ".." + max);
        }
        return value.longValue();
    }

    int int32() {
        return (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    int nonNegativeInt() {
        return (int) integer(0, Integer.MAX_VALUE);
    }

    long nonNegativeLong() {
        return integer(0, Long.MAX_VALUE);
    }

    /** albatross's int64: an 8-byte big-endian OCTET STRING. */
    long int64() {
        byte[] bytes = octets();
        if (bytes.length != Long.BYTES) {
            throw error("expected 8 bytes (int64), got " + bytes.length);
        }
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }

    /** GeneralizedTime in UTC ({@code YYYYMMDDhhmmss[.fraction]Z}), fractional seconds down to nanoseconds. */
    Instant time() {
        String text = expect(ASN1GeneralizedTime.class, "GeneralizedTime").getTimeString();
        try {
            return GeneralizedTimes.parse(text);
        } catch (DateTimeException e) {
            throw error("time \"" + text + "\" is not a valid date: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    Name name() {
        try {
            return Name.parse(utf8());
        } catch (InvalidName e) {
            throw error(e.getMessage());
        }
    }

    private <T> T expect(Class<T> type, String expected) {
        if (!type.isInstance(value)) {
            throw error("expected " + expected + ", got " + describe(value));
        }
        return type.cast(value);
    }

    static String describe(ASN1Primitive value) {
        if (value instanceof ASN1TaggedObject tagged) {
            String tagClass = tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC ? "" : "class " + tagged.getTagClass() + " ";
            return "tag [" + tagClass + tagged.getTagNo() + "]";
        }
        return TYPE_NAMES.entrySet().stream().filter(type -> type.getKey().isInstance(value)).findFirst()
                .map(Map.Entry::getValue).orElse(value.getClass().getSimpleName());
    }
}
