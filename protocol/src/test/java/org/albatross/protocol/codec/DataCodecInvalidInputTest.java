package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.payload;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DataCodecInvalidInputTest {

    @Test
    void anUnknownBlockDataIsRefused() {
        assertRefused(payload(3, Der.explicit(4, Der.explicitNull(2)))).hasMessage("payload.data.block: unknown block data tag [2]");
    }

    @Test
    void aConsoleLineWithoutTextIsRefused() {
        assertRefused(payload(3, Der.explicit(3, Der.sequence(Der.time(Instant.EPOCH)))))
                .hasMessage("payload.data.console: missing line (field 2)");
    }

    @Test
    void anImpossibleDateIsRefused() {
        assertRefused(payload(3, Der.explicit(3, Der.sequence(Malformed.time("20251399000000Z"), Der.utf8("x")))))
                .hasMessageStartingWith("payload.data.console.timestamp: time \"20251399000000Z\" is not a valid date");
    }

    @Test
    void theDroppedLogDataOfAlbatrossIsNotConfusedWithOurEvents() {
        assertRefused(payload(3, Der.explicitNull(2))).hasMessage("payload.data.event: expected SEQUENCE, got NULL");
    }

    @Test
    void anUnknownDataIsRefused() {
        assertRefused(payload(3, Der.explicitNull(0))).hasMessage("payload.data: unknown data tag [0]");
    }
}
