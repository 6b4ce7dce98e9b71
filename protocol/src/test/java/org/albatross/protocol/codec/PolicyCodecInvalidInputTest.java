package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.command;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCodecInvalidInputTest {

    @Test
    void negativeMemoryIsRefused() {
        assertRefused(command(4, Der.explicit(1, Der.sequence(Der.sequenceOf(List.of(0), Der::integer),
                Der.integer(1), Der.integer(-1), Der.sequenceOf(List.<String>of(), Der::utf8)))))
                .hasMessage("payload.command.policy.add.memory: integer -1 out of range 0..9223372036854775807");
    }

    @Test
    void cpuidsThatAreNotASequenceAreRefused() {
        assertRefused(command(4, Der.explicit(1, Der.sequence(Der.integer(0)))))
                .hasMessage("payload.command.policy.add.cpuids: expected SEQUENCE, got INTEGER");
    }

    @Test
    void aBridgeThatIsNotTextIsRefusedWithItsIndex() {
        assertRefused(command(4, Der.explicit(1, Der.sequence(Der.sequenceOf(List.of(0), Der::integer),
                Der.integer(1), Der.integer(64), Der.sequence(Der.utf8("br0"), Der.integer(1))))))
                .hasMessage("payload.command.policy.add.bridges[1]: expected UTF8String, got INTEGER");
    }

    @Test
    void anUnknownPolicyCommandIsRefused() {
        assertRefused(command(4, Der.explicitNull(3))).hasMessage("payload.command.policy: unknown policy command tag [3]");
    }
}
