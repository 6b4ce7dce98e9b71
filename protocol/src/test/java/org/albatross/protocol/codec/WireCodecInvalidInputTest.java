package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.albatross.protocol.ProtocolError;
import org.junit.jupiter.api.Test;

class WireCodecInvalidInputTest {
    private static final byte[] VALID = HexFormat.of().parseHex("30203013020105040800000000000000000c043a666f6fa009a007a205a103020114");

    private static byte[] wire(DerValue header) {
        return Der.bytes(Der.sequence(header, Der.explicit(1, Der.explicitNull(0))));
    }

    @Test
    void anotherVersionIsRefusedByNumber() {
        assertRefused(wire(Der.sequence(Der.integer(4), Der.int64(0), Der.utf8(":foo"))))
                .hasMessage("header.version: unsupported version 4 (only 5 is spoken)");
    }

    @Test
    void aSequenceNumberWrittenAsIntegerIsRefused() {
        assertRefused(wire(Der.sequence(Der.integer(5), Der.integer(0), Der.utf8(":foo"))))
                .hasMessage("header.sequence: expected OCTET STRING, got INTEGER");
    }

    @Test
    void anInvalidNameIsRefusedWithTheNamingRule() {
        assertRefused(wire(Der.sequence(Der.integer(5), Der.int64(0), Der.utf8("foo::bar"))))
                .hasMessage("header.name: invalid name \"foo::bar\": invalid path \"foo::bar\": empty label at position 2");
    }

    @Test
    void anUnknownPayloadIsRefused() {
        assertRefused(Der.bytes(Der.sequence(Malformed.header(), Der.explicitNull(4))))
                .hasMessage("payload: unknown payload tag [4]");
    }

    @Test
    void anEmptyInputIsRefused() {
        assertRefused(new byte[0]).hasMessage("empty input, expected a DER SEQUENCE");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] longer = Arrays.copyOf(VALID, VALID.length + 2);
        assertRefused(longer).hasMessage("trailing bytes: 2 bytes after the message at offset 34");
    }

    @Test
    void everyTruncationIsRefused() {
        for (int length = 1; length < VALID.length; length++) {
            assertRefused(Arrays.copyOf(VALID, length)).hasMessageContaining("truncated input");
        }
    }

    @Test
    void aLengthBeyondTheInputIsRefusedWithoutAllocatingIt() {
        assertRefused(HexFormat.of().parseHex("3084 7fffffff 00".replace(" ", "")))
                .hasMessage("truncated input: element at offset 0 declares 2147483647 bytes but only 1 remain");
    }

    @Test
    void indefiniteLengthsAreRefused() {
        assertRefused(HexFormat.of().parseHex("30800000")).hasMessage("indefinite length at offset 0 (BER, not DER)");
    }

    @Test
    void deepNestingIsRefusedBeforeParsing() {
        int depth = 100_000;
        byte[] nested = new byte[2 * depth];
        for (int i = 0; i < depth; i++) {
            nested[2 * i] = (byte) 0xA0;
            nested[2 * i + 1] = (byte) 0x80;
        }
        assertRefused(nested).hasMessage("indefinite length at offset 0 (BER, not DER)");

        byte[] definite = Der.bytes(nest(DerReader.MAX_DEPTH + 1));
        assertRefused(definite).hasMessageStartingWith("elements nested deeper than 16 levels");
    }

    @Test
    void aTopLevelValueThatIsNotASequenceIsRefused() {
        assertRefused(Der.bytes(Der.integer(5))).hasMessage("expected SEQUENCE, got INTEGER");
    }

    @Test
    void anExtensionOfAnotherVersionIsRefused() {
        byte[] extension = Der.bytes(Der.sequence(Der.integer(6), Der.explicit(0, Der.explicitNull(3))));
        assertThatThrownBy(() -> WireCodec.decodeExtension(extension)).isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("extension.version: unsupported version 6 (only 5 is spoken)");
    }

    @Test
    void anExtensionWithoutCommandIsRefused() {
        byte[] extension = Der.bytes(Der.sequence(Der.integer(5)));
        assertThatThrownBy(() -> WireCodec.decodeExtension(extension)).isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("extension: missing command (field 2)");
    }

    private static DerValue nest(int levels) {
        DerValue inner = Der.integer(0);
        for (int i = 0; i < levels; i++) {
            inner = Der.sequence(inner);
        }
        return inner;
    }
}
