package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.command;
import static org.albatross.protocol.codec.Malformed.payload;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventLogCodecInvalidInputTest {

    private static byte[] event(DerValue event) {
        return payload(3, Der.explicit(2, Der.sequence(Der.time(Instant.EPOCH), event)));
    }

    @Test
    void anUnknownLogCommandIsRefused() {
        assertRefused(command(2, Der.explicitNull(2))).hasMessage("payload.command.log: unknown event log command tag [2]");
    }

    @Test
    void anUnknownEventIsRefused() {
        assertRefused(event(Der.explicitNull(15))).hasMessage("payload.data.event.event: unknown event tag [15]");
    }

    @Test
    void aTenantWrittenAsAUnikernelNameIsRefused() {
        assertRefused(event(Der.explicit(1, Der.sequence(Der.utf8("foo:bar"), Der.integer(1), Der.utf8("unix")))))
                .hasMessage("payload.data.event.event.login.tenant: expected a path ending in ':', got the name \"foo:bar\"");
    }

    @Test
    void anUnknownExitStatusIsRefused() {
        assertRefused(event(Der.explicit(4, Der.sequence(Der.utf8(":hello"), Der.explicitNull(3)))))
                .hasMessage("payload.data.event.event.unikernel-stop.status: unknown exit status tag [3]");
    }

    @Test
    void anEventWithoutTimestampIsRefused() {
        assertRefused(payload(3, Der.explicit(2, Der.sequence(Der.explicitNull(0)))))
                .hasMessage("payload.data.event.timestamp: expected GeneralizedTime, got tag [0]");
    }

    @Test
    void aRollbackWithoutItsReasonIsRefused() {
        assertRefused(event(Der.explicit(14, Der.sequence(Der.utf8(":hello"), Der.octets(new byte[32]),
                Der.octets(new byte[32])))))
                .hasMessage("payload.data.event.event.rolled-back: missing why (field 4)");
    }
}
