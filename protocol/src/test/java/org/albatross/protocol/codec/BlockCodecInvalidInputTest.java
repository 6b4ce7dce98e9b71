package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.command;

import org.junit.jupiter.api.Test;

class BlockCodecInvalidInputTest {

    @Test
    void aNegativeSizeIsRefused() {
        assertRefused(command(5, Der.explicit(1, Der.integer(-10))))
                .hasMessage("payload.command.block.add: integer -10 out of range 0..9223372036854775807");
    }

    @Test
    void theOldInlineDataFormsAreRefused() {
        assertRefused(command(5, Der.explicit(3, Der.sequence(Der.integer(1), Der.bool(false)))))
                .hasMessageStartingWith("payload.command.block: block add with inline data (tag [3]) is an obsolete");
        assertRefused(command(5, Der.explicit(4, Der.sequence(Der.bool(false), Der.octets(new byte[1])))))
                .hasMessageStartingWith("payload.command.block: block set with inline data (tag [4]) is an obsolete");
    }

    @Test
    void setMustCarryABoolean() {
        assertRefused(command(5, Der.explicit(7, Der.integer(1))))
                .hasMessage("payload.command.block.set: expected BOOLEAN, got INTEGER");
    }
}
