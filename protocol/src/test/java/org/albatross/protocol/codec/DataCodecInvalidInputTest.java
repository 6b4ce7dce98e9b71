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
        // Bouncy Castle checks the date while parsing, before we know where it sits.
        assertRefused(payload(3, Der.explicit(3, Der.sequence(new org.bouncycastle.asn1.DERGeneralizedTime("20251399000000Z"),
                Der.utf8("x"))))).hasMessage("malformed DER: invalid GeneralizedTime format");
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
