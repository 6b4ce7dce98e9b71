package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.command;

import java.util.List;
import org.albatross.protocol.UnikernelType;
import org.bouncycastle.asn1.ASN1Encodable;
import org.junit.jupiter.api.Test;

class UnikernelCodecInvalidInputTest {

    /** A current-form config with {@code memory} and {@code extra} fields spliced in. */
    private static byte[] create(ASN1Encodable memory, ASN1Encodable... extra) {
        List<ASN1Encodable> fields = new java.util.ArrayList<>(List.of(UnikernelCodec.encode(UnikernelType.SOLO5),
                Der.bool(false), Der.octets(new byte[] {1}), Der.bool(true), Der.explicitNull(0),
                Der.setOf(List.of(0), Der::integer), memory));
        fields.addAll(List.of(extra));
        return command(3, Der.explicit(20, Der.sequence(fields.toArray(ASN1Encodable[]::new))));
    }

    @Test
    void memoryOfTheWrongTypeIsRefusedWithItsPlace() {
        assertRefused(create(Der.octets(new byte[] {64})))
                .hasMessage("payload.command.unikernel.create.memory: expected INTEGER, got OCTET STRING");
    }

    @Test
    void negativeMemoryIsRefused() {
        assertRefused(create(Der.integer(-64)))
                .hasMessage("payload.command.unikernel.create.memory: integer -64 out of range 0..9223372036854775807");
    }

    @Test
    void aMacAddressOfFiveBytesIsRefused() {
        ASN1Encodable bridges = Der.explicit(1, Der.setOf(List.of("service"), netif -> Der.sequence(
                Der.utf8(netif), Der.octets(new byte[5]))));
        assertRefused(create(Der.integer(64), bridges))
                .hasMessage("payload.command.unikernel.create.bridges[0].mac: a MAC address has 6 bytes, got 5");
    }

    @Test
    void anUnknownFieldAfterTheLastIsRefused() {
        assertRefused(create(Der.integer(64), Der.explicit(9, Der.integer(1))))
                .hasMessage("payload.command.unikernel.create: unexpected tag [9] as field 8, after the last field");
    }

    @Test
    void aMissingFieldIsNamed() {
        assertRefused(command(3, Der.explicit(20, Der.sequence(UnikernelCodec.encode(UnikernelType.SOLO5)))))
                .hasMessage("payload.command.unikernel.create: missing compressed (field 2)");
    }

    @Test
    void anUnknownUnikernelTypeIsRefused() {
        assertRefused(command(3, Der.explicit(20, Der.sequence(Der.explicitNull(2)))))
                .hasMessage("payload.command.unikernel.create.typ: unknown unikernel type tag [2]");
    }

    @Test
    void theObsoleteInfoRequestsAreRefusedWithAHint() {
        assertRefused(command(3, Der.explicitNull(15)))
                .hasMessageContaining("payload.command.unikernel: unikernel info of albatross 1.x (tag [15]) is an obsolete")
                .hasMessageContaining("upgrade the client");
    }

    @Test
    void anUnknownRestartFormIsRefused() {
        assertRefused(command(3, Der.explicit(14, Der.explicitNull(4))))
                .hasMessage("payload.command.unikernel.restart: unknown restart tag [4]");
    }

    @Test
    void anImplicitTagWhereAnExplicitOneBelongsIsRefused() {
        assertRefused(command(3, new org.bouncycastle.asn1.DERTaggedObject(false, 11, Der.integer(1))))
                .hasMessageStartingWith("payload.command.unikernel: tag [11] must be EXPLICIT");
    }
}
