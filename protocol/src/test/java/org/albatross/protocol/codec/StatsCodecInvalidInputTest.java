package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.command;
import static org.albatross.protocol.codec.Malformed.payload;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsCodecInvalidInputTest {

    @Test
    void addWithoutPidIsRefused() {
        assertRefused(command(1, Der.explicit(0, Der.sequence(Der.utf8("solo5-1")))))
                .hasMessage("payload.command.stats.add: missing pid (field 2)");
    }

    @Test
    void aTapThatIsNotAPairIsRefused() {
        assertRefused(command(1, Der.explicit(0, Der.sequence(Der.utf8("solo5-1"), Der.integer(1),
                Der.sequence(Der.sequence(Der.utf8("br0")))))))
                .hasMessage("payload.command.stats.add.taps[0]: missing tap (field 2)");
    }

    @Test
    void anInt64CounterOfNineBytesIsRefused() {
        byte[] statistics = payload(3, Der.explicit(1, Der.sequence(Der.sequence(
                Der.sequence(Der.octets(new byte[9]), Der.integer(0))))));
        assertRefused(statistics).hasMessage("payload.data.statistics.rusage.utime.seconds: expected 8 bytes (int64), got 9");
    }

    @Test
    void anUnknownStatsCommandIsRefused() {
        assertRefused(command(1, Der.explicitNull(4))).hasMessage("payload.command.stats: unknown statistics command tag [4]");
    }

    @Test
    void kinfoMemInAnExplicitTagIsRefused() {
        byte[] bytes = payload(3, Der.explicit(1, Der.sequence(rusage(), Der.sequence(),
                Der.explicit(1, Der.sequence(Der.int64(1))))));
        assertRefused(bytes).hasMessage("payload.data.statistics.kinfo-mem.vsize: expected OCTET STRING, got SEQUENCE");
    }

    private static DerValue rusage() {
        List<DerValue> fields = new java.util.ArrayList<>();
        fields.add(Der.sequence(Der.int64(0), Der.integer(0)));
        fields.add(Der.sequence(Der.int64(0), Der.integer(0)));
        for (int i = 0; i < 14; i++) {
            fields.add(Der.int64(i));
        }
        return Der.sequence(fields.toArray(DerValue[]::new));
    }
}
