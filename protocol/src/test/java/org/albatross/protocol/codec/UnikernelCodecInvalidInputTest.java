package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.command;

import java.util.List;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;

class UnikernelCodecInvalidInputTest {

    /** A current-form config with {@code memory} and {@code extra} fields spliced in. */
    private static byte[] create(DerValue memory, DerValue... extra) {
        List<DerValue> fields = new java.util.ArrayList<>(List.of(UnikernelCodec.encode(UnikernelType.SOLO5),
                Der.bool(false), Der.octets(new byte[] {1}), Der.bool(true), Der.explicitNull(0),
                Der.setOf(List.of(0), Der::integer), memory));
        fields.addAll(List.of(extra));
        return command(3, Der.explicit(20, Der.sequence(fields.toArray(DerValue[]::new))));
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
        DerValue bridges = Der.explicit(1, Der.setOf(List.of("service"), netif -> Der.sequence(
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
        assertRefused(command(3, DerValue.primitive(DerValue.CONTEXT | 11, new byte[] {1})))
                .hasMessageStartingWith("payload.command.unikernel: tag [11] must be EXPLICIT");
    }

    /** An update (our tag [30]) of a valid config with {@code watch} as its watch. */
    private static byte[] update(DerValue watch) {
        DerValue config = Der.sequence(UnikernelCodec.encode(UnikernelType.SOLO5), Der.bool(false),
                Der.octets(new byte[] {1}), Der.bool(true), Der.explicitNull(0), Der.setOf(List.of(0), Der::integer),
                Der.integer(32));
        return command(3, Der.explicit(30, Der.sequence(config, Der.explicit(0, watch))));
    }

    @Test
    void aWatchOfNoSecondsIsRefused() {
        assertRefused(update(Der.sequence(Der.explicitNull(0), Der.integer(0))))
                .hasMessage("payload.command.unikernel.update.watch.seconds: integer 0 out of range 1..600");
    }

    @Test
    void aWatchLongerThanTenMinutesIsRefused() {
        assertRefused(update(Der.sequence(Der.explicitNull(0), Der.integer(601))))
                .hasMessage("payload.command.unikernel.update.watch.seconds: integer 601 out of range 1..600");
    }

    @Test
    void anUnknownHealthCheckIsRefused() {
        assertRefused(update(Der.sequence(Der.explicitNull(3), Der.integer(60))))
                .hasMessage("payload.command.unikernel.update.watch.check: unknown health check tag [3]");
    }

    @Test
    void aTcpCheckOfPortZeroIsRefused() {
        assertRefused(update(Der.sequence(Der.explicit(1, Der.sequence(Der.utf8("10.0.0.2"), Der.integer(0))),
                Der.integer(60))))
                .hasMessage("payload.command.unikernel.update.watch.check.tcp.port: integer 0 out of range 1..65535");
    }

    @Test
    void aTcpCheckWithoutAHostIsRefused() {
        assertRefused(update(Der.sequence(Der.explicit(1, Der.sequence(Der.utf8(""), Der.integer(80))),
                Der.integer(60))))
                .hasMessage("payload.command.unikernel.update.watch.check.tcp: a tcp health check needs a host, not"
                        + " \"\"");
    }

    @Test
    void anHttpCheckThatIsNoHttpUrlIsRefused() {
        assertRefused(update(Der.sequence(Der.explicit(2, Der.utf8("file:///etc/passwd")), Der.integer(60))))
                .hasMessage("payload.command.unikernel.update.watch.check.http: an http health check is an http://"
                        + " or https:// URL with a host, not \"file:///etc/passwd\"");
    }

    @Test
    void anUpdateWithoutAConfigIsRefused() {
        assertRefused(command(3, Der.explicit(30, Der.sequence())))
                .hasMessage("payload.command.unikernel.update: missing config (field 1)");
    }

    @Test
    void aRollbackThatCarriesSomethingIsRefused() {
        assertRefused(command(3, Der.explicit(29, Der.integer(1))))
                .hasMessageStartingWith("payload.command.unikernel.rollback: expected NULL");
    }
}
