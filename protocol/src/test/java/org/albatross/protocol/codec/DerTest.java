package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import org.albatross.protocol.Octets;
import org.junit.jupiter.api.Test;

/** The writer against DER's rules, and the reader reading back what it wrote. */
class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void integersTakeTheFewestTwosComplementOctets() {
        assertThat(hex(Der.integer(0))).isEqualTo("020100");
        assertThat(hex(Der.integer(127))).isEqualTo("02017f");
        assertThat(hex(Der.integer(128))).isEqualTo("02020080");
        assertThat(hex(Der.integer(-128))).isEqualTo("020180");
        assertThat(hex(Der.integer(-129))).isEqualTo("0202ff7f");
        assertThat(hex(Der.integer(Long.MIN_VALUE))).isEqualTo("02088000000000000000");
        LongStream.of(1, 255, 256, 32767, 32768, -32768, -32769, 1L << 40, -(1L << 40), Long.MAX_VALUE, -1)
                .forEach(value -> assertThat(hex(Der.integer(value))).as("%d", value)
                        .isEqualTo(hex(Der.integer(BigInteger.valueOf(value)))));
    }

    @Test
    void lengthsTakeTheShortFormBelow128AndTheFewestOctetsAbove() {
        assertThat(hex(Der.octets(new byte[127])).substring(0, 4)).isEqualTo("047f");
        assertThat(hex(Der.octets(new byte[128])).substring(0, 6)).isEqualTo("048180");
        assertThat(hex(Der.octets(new byte[255])).substring(0, 6)).isEqualTo("0481ff");
        assertThat(hex(Der.octets(new byte[256])).substring(0, 8)).isEqualTo("04820100");
        assertThat(hex(Der.octets(new byte[65536])).substring(0, 10)).isEqualTo("0483010000");
    }

    @Test
    void aSetOfIsOrderedByTheElementsEncodings() {
        // 5 → 020105, 300 → 0202012c, -1 → 0201ff: ordered as unsigned octets, 0x01 < 0x02 in the length
        assertThat(hex(Der.setOf(List.of(300L, -1L, 5L), Der::integer))).isEqualTo("310a0201050201ff0202012c");
    }

    @Test
    void explicitAndImplicitTagsAreContextTagsAroundTheValueOrInPlaceOfItsTag() {
        assertThat(hex(Der.explicit(3, Der.integer(1)))).isEqualTo("a303020101");
        assertThat(hex(Der.explicitNull(30))).isEqualTo("be020500");
        assertThat(hex(Der.implicit(1, Der.sequence(Der.integer(1))))).isEqualTo("a103020101");
    }

    @Test
    void anImageIsWrittenFromItsOctetsAsItIs() {
        byte[] image = new byte[300_000];
        image[0] = 1;
        image[image.length - 1] = 2;
        byte[] written = Der.bytes(Der.octets(Octets.of(image)));
        assertThat(written).hasSize(5 + image.length).startsWith(0x04, 0x83, 0x04, 0x93, 0xE0);
        assertThat(ByteBuffer.wrap(written, 5, image.length)).isEqualTo(ByteBuffer.wrap(image));
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameValues() {
        DerValue written = Der.sequence(Der.bool(true), Der.integer(-5), Der.utf8("grüße"),
                Der.time(Instant.parse("2025-01-01T00:00:00.5Z")), Der.int64(-2), Der.explicitNull(2),
                Der.setOf(List.of("b", "a"), Der::utf8));
        Fields fields = Der.parse(Der.bytes(written), "").sequence();
        assertThat(fields.required("bool").bool()).isTrue();
        assertThat(fields.required("integer").int32()).isEqualTo(-5);
        assertThat(fields.required("utf8").utf8()).isEqualTo("grüße");
        assertThat(fields.required("time").time()).isEqualTo(Instant.parse("2025-01-01T00:00:00.5Z"));
        assertThat(fields.required("int64").int64()).isEqualTo(-2);
        fields.required("null").choice().empty("null", true);
        assertThat(fields.required("set").setOf(Node::utf8)).containsExactly("a", "b");
        fields.end();
    }

    private static String hex(DerValue value) {
        return HEX.formatHex(Der.bytes(value));
    }
}
