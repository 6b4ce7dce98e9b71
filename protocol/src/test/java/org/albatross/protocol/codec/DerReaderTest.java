package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.albatross.protocol.ProtocolError;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * DER's rules for the skeleton, which the reader enforces, and for the content of each type, which {@link Node}
 * enforces where it reads a value. The framing of a whole message (empty, trailing, truncated, nested) is in
 * {@link WireCodecInvalidInputTest}.
 */
class DerReaderTest {

    @Test
    void aShortLengthWrittenInTheLongFormIsRefused() {
        refused("30810102 0100").hasMessage("length 1 of element at offset 0 is not in its shortest form (BER, not DER)");
    }

    @Test
    void aLengthWithALeadingZeroOctetIsRefused() {
        refused("048200ff" + "00".repeat(255))
                .hasMessage("length 255 of element at offset 0 is not in its shortest form (BER, not DER)");
    }

    @Test
    void aLengthOfMoreThanFourOctetsIsRefused() {
        refused("3085 0000000001 00").hasMessage("length of element at offset 0 takes 5 bytes, more than any"
                + " albatross message needs");
    }

    @Test
    void aMultiOctetTagNumberIsRefused() {
        refused("3003 bf2100").hasMessage("tag number above 30 at offset 2 (no albatross message uses one)");
    }

    @Test
    void aConstructedOctetStringIsRefused() {
        refused("3005 2403 040101").hasMessage("constructed encoding of universal type 4 at offset 2 (BER, not DER)");
    }

    @Test
    void aPrimitiveSequenceIsRefused() {
        refused("1000").hasMessage("primitive SEQUENCE at offset 0 (DER encodes it constructed)");
    }

    @Test
    void anIntegerWithARedundantLeadingOctetIsRefusedWhereItIsRead() {
        refusedField("0202007f").hasMessage("field: INTEGER with a redundant leading byte (BER, not DER)");
        refusedField("0202ff80").hasMessage("field: INTEGER with a redundant leading byte (BER, not DER)");
        refusedField("0200").hasMessage("field: INTEGER without content");
        assertThat(field("02020080").int32()).isEqualTo(128);
        assertThat(field("0202ff7f").int32()).isEqualTo(-129);
    }

    @Test
    void aBooleanIsOneOctetOf00OrFF() {
        refusedBool("010101").hasMessage("field: BOOLEAN must be one byte, 0x00 or 0xFF (DER)");
        refusedBool("01020000").hasMessage("field: BOOLEAN must be one byte, 0x00 or 0xFF (DER)");
        assertThat(field("0101ff").bool()).isTrue();
        assertThat(field("010100").bool()).isFalse();
    }

    @Test
    void aNullHasNoContent() {
        assertThatThrownBy(() -> field("050100").nul()).isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("field: NULL with content (1 bytes)");
    }

    @Test
    void aUtf8StringMustBeUtf8() {
        assertThatThrownBy(() -> field("0c02c328").utf8()).isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("field: UTF8String is not valid UTF-8");
    }

    @Test
    void anOverlongTimeIsRefusedByItsSize() {
        assertThatThrownBy(() -> field("1820" + "30".repeat(32)).time()).isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("field: time of 32 bytes is not YYYYMMDDhhmmss[.fraction]Z");
    }

    @Test
    void aHugeIntegerIsShownByItsSize() {
        assertThatThrownBy(() -> field("0241" + "01" + "00".repeat(64)).int32()).isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("field: integer of 65 bytes out of range -2147483648..2147483647");
    }

    @Test
    void anExplicitTagHoldsExactlyOneElement() {
        assertThatThrownBy(() -> field("a0060201010201 02".replace(" ", "")).choice())
                .isExactlyInstanceOf(ProtocolError.class)
                .hasMessage("field: tag [0] must be EXPLICIT (constructed, one element)");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String hex) {
        return assertThatThrownBy(() -> DerReader.read(java.nio.ByteBuffer.wrap(bytes(hex)), ""))
                .isExactlyInstanceOf(ProtocolError.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refusedField(String hex) {
        return assertThatThrownBy(() -> field(hex).int32()).isExactlyInstanceOf(ProtocolError.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refusedBool(String hex) {
        return assertThatThrownBy(() -> field(hex).bool()).isExactlyInstanceOf(ProtocolError.class);
    }

    private static Node field(String hex) {
        return Der.parse(bytes(hex), "field");
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
