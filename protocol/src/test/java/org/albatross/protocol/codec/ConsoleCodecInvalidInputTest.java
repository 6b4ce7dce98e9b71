package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.command;
import static org.albatross.protocol.codec.Malformed.time;

import org.junit.jupiter.api.Test;

class ConsoleCodecInvalidInputTest {

    @Test
    void aNegativeCountIsRefused() {
        assertRefused(command(0, Der.explicit(2, Der.explicit(1, Der.integer(-1)))))
                .hasMessage("payload.command.console.subscribe.count: integer -1 out of range 0..2147483647");
    }

    @Test
    void aCountBeyondInt64IsRefused() {
        assertRefused(command(0, Der.explicit(2, Der.explicit(1, Der.integer(java.math.BigInteger.ONE.shiftLeft(70))))))
                .hasMessageStartingWith("payload.command.console.subscribe.count: integer 1180591620717411303424 out of range");
    }

    @Test
    void anUnknownSubscriptionIsRefused() {
        assertRefused(command(0, Der.explicit(2, Der.explicit(2, Der.integer(1)))))
                .hasMessage("payload.command.console.subscribe: unknown console subscription tag [2]");
    }

    @Test
    void anUnknownConsoleCommandIsRefused() {
        assertRefused(command(0, Der.explicitNull(1)))
                .hasMessage("payload.command.console: unknown console command tag [1]");
    }

    @Test
    void aSinceThatIsNotATimeIsRefused() {
        assertRefused(command(0, Der.explicit(2, Der.explicit(0, Der.utf8("yesterday")))))
                .hasMessage("payload.command.console.subscribe.since: expected GeneralizedTime, got UTF8String");
    }

    @Test
    void aLocalTimeWithoutZoneIsRefused() {
        assertRefused(command(0, Der.explicit(2, Der.explicit(0, time("20250101000000+0100")))))
                .hasMessageStartingWith("payload.command.console.subscribe.since: time \"20250101000000+0100\"");
    }

    @Test
    void listInactiveMustCarryNull() {
        assertRefused(command(0, Der.explicit(3, Der.integer(0))))
                .hasMessage("payload.command.console.list-inactive: expected NULL, got INTEGER");
    }
}
