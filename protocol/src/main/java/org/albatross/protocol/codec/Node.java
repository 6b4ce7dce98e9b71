package org.albatross.protocol.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.ProtocolError;

/**
 * A decoded ASN.1 value and where it sits in the message ({@code payload.command.unikernel.create.memory}). Every
 * accessor checks the type, the DER form of the content and the range it expects, and otherwise throws a
 * {@link ProtocolError} naming that place.
 */
record Node(DerValue value, String where) {
    private static final Map<Integer, String> TYPE_NAMES = Map.of(
            DerValue.SEQUENCE, "SEQUENCE", DerValue.SET, "SET", DerValue.INTEGER, "INTEGER",
            DerValue.OCTET_STRING, "OCTET STRING", DerValue.UTF8_STRING, "UTF8String", DerValue.BOOLEAN, "BOOLEAN",
            DerValue.NULL, "NULL", DerValue.GENERALIZED_TIME, "GeneralizedTime");
    /** The longest GeneralizedTime we read: {@code YYYYMMDDhhmmss.nnnnnnnnnZ}. */
    private static final int MAX_TIME_LENGTH = 25;
    /** An integer out of range is shown in the error up to this many octets, and by its size beyond. */
    private static final int SHOWN_INTEGER_OCTETS = 32;

    /** The place of {@code name} inside {@code where}: {@code header} at the top, {@code header.name} below. */
    static String place(String where, String name) {
        return where.isEmpty() ? name : where + "." + name;
    }

    ProtocolError error(String what) {
        return new ProtocolError(where, what);
    }

    Fields sequence() {
        return new Fields(expect(DerValue.SEQUENCE, "SEQUENCE").children(), where);
    }

    /** Elements of a SEQUENCE OF, each decoded by {@code element} at {@code where[i]}. */
    <T> List<T> sequenceOf(Function<Node, T> element) {
        return elements(expect(DerValue.SEQUENCE, "SEQUENCE").children(), element);
    }

    /** Elements of a SET OF, each decoded by {@code element} at {@code where[i]}. */
    <T> List<T> setOf(Function<Node, T> element) {
        return elements(expect(DerValue.SET, "SET").children(), element);
    }

    private <T> List<T> elements(List<DerValue> elements, Function<Node, T> element) {
        List<T> decoded = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            decoded.add(element.apply(new Node(elements.get(i), where + "[" + i + "]")));
        }
        return decoded;
    }

    /** An EXPLICIT context-specific tag: one alternative of a CHOICE. */
    Choice choice() {
        if (value.tagClass() != DerValue.CONTEXT) {
            throw error("expected a context tag [n], got " + describe(value));
        }
        if (!value.constructed() || value.children().size() != 1) {
            throw error("tag [" + value.tagNumber() + "] must be EXPLICIT (constructed, one element)");
        }
        return new Choice(value.tagNumber(), value.children().get(0), where);
    }

    /** The SEQUENCE inside an IMPLICIT context tag, such as statistics' {@code kinfo-mem [1] IMPLICIT}. */
    Node implicitSequence() {
        if (value.tagClass() != DerValue.CONTEXT) {
            throw error("expected a context tag [n], got " + describe(value));
        }
        if (!value.constructed()) {
            throw error("expected [" + value.tagNumber() + "] IMPLICIT SEQUENCE, got a primitive value");
        }
        return new Node(DerValue.constructed(DerValue.SEQUENCE, value.children()), where);
    }

    void nul() {
        if (expect(DerValue.NULL, "NULL").contentLength() != 0) {
            throw error("NULL with content (" + value.contentLength() + " bytes)");
        }
    }

    /** DER writes TRUE as 0xFF and FALSE as 0x00, in one octet. */
    boolean bool() {
        ByteBuffer content = expect(DerValue.BOOLEAN, "BOOLEAN").content();
        int octet = content.remaining() == 1 ? content.get(0) & 0xFF : -1;
        if (octet != 0x00 && octet != 0xFF) {
            throw error("BOOLEAN must be one byte, 0x00 or 0xFF (DER)");
        }
        return octet == 0xFF;
    }

    String utf8() {
        ByteBuffer content = expect(DerValue.UTF8_STRING, "UTF8String").content();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(content).toString();
        } catch (CharacterCodingException e) {
            throw error("UTF8String is not valid UTF-8");
        }
    }

    byte[] octets() {
        return expect(DerValue.OCTET_STRING, "OCTET STRING").contentBytes();
    }

    /** An OCTET STRING as {@link Octets}, copied once out of the input (an image, a digest, block data). */
    Octets octetString() {
        return Octets.copyOf(expect(DerValue.OCTET_STRING, "OCTET STRING").content());
    }

    BigInteger bigInteger() {
        return new BigInteger(integerContent());
    }

    long integer(long min, long max) {
        byte[] content = integerContent();
        if (content.length > Long.BYTES) {
            throw error("integer " + shown(content) + " out of range " + min + ".." + max);
        }
        long number = content[0];
        for (int i = 1; i < content.length; i++) {
            number = number << Byte.SIZE | (content[i] & 0xFF);
        }
        if (number < min || number > max) {
            throw error("integer " + number + " out of range " + min + ".." + max);
        }
        return number;
    }

    /** The content of an INTEGER, checked to be DER's: at least one octet, no redundant leading octet. */
    private byte[] integerContent() {
        byte[] content = expect(DerValue.INTEGER, "INTEGER").contentBytes();
        if (content.length == 0) {
            throw error("INTEGER without content");
        }
        if (content.length > 1 && (content[0] == 0 && content[1] >= 0 || content[0] == -1 && content[1] < 0)) {
            throw error("INTEGER with a redundant leading byte (BER, not DER)");
        }
        return content;
    }

    private static String shown(byte[] content) {
        return content.length <= SHOWN_INTEGER_OCTETS ? new BigInteger(content).toString()
                : "of " + content.length + " bytes";
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
        ByteBuffer content = expect(DerValue.OCTET_STRING, "OCTET STRING").content();
        if (content.remaining() != Long.BYTES) {
            throw error("expected 8 bytes (int64), got " + content.remaining());
        }
        return content.getLong(0);
    }

    /** GeneralizedTime in UTC ({@code YYYYMMDDhhmmss[.fraction]Z}), fractional seconds down to nanoseconds. */
    Instant time() {
        DerValue time = expect(DerValue.GENERALIZED_TIME, "GeneralizedTime");
        if (time.contentLength() > MAX_TIME_LENGTH) {
            throw error("time of " + time.contentLength() + " bytes is not YYYYMMDDhhmmss[.fraction]Z");
        }
        String text = new String(time.contentBytes(), StandardCharsets.ISO_8859_1);
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

    private DerValue expect(int identifier, String expected) {
        if (value.identifier() != identifier) {
            throw error("expected " + expected + ", got " + describe(value));
        }
        return value;
    }

    static String describe(DerValue value) {
        String universal = TYPE_NAMES.get(value.identifier());
        if (universal != null) {
            return universal;
        }
        return switch (value.tagClass()) {
            case DerValue.CONTEXT -> "tag [" + value.tagNumber() + "]";
            case 0 -> "universal type " + value.tagNumber();
            default -> "tag [class " + value.tagClass() + " " + value.tagNumber() + "]";
        };
    }
}
