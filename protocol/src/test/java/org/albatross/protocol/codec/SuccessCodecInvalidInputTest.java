package org.albatross.protocol.codec;

import static org.albatross.protocol.codec.Malformed.assertRefused;
import static org.albatross.protocol.codec.Malformed.payload;

import org.junit.jupiter.api.Test;

class SuccessCodecInvalidInputTest {

    @Test
    void theRepliesOfAlbatross1AreRefused() {
        assertRefused(payload(1, Der.explicit(9, Der.sequence())))
                .hasMessageStartingWith("payload.success: unikernel info of albatross 1.x (tag [9]) is an obsolete");
    }

    @Test
    void anUnknownSuccessIsRefused() {
        assertRefused(payload(1, Der.explicitNull(3))).hasMessage("payload.success: unknown success tag [3]");
    }

    @Test
    void aBlockDeviceWithoutActiveFlagIsRefused() {
        assertRefused(payload(1, Der.explicit(4, Der.sequence(Der.sequence(Der.utf8(":disk"), Der.integer(1))))))
                .hasMessage("payload.success.block-devices[0]: missing active (field 3)");
    }

    @Test
    void anInvalidConsoleNameIsRefused() {
        assertRefused(payload(1, Der.explicit(12, Der.sequence(Der.utf8(":ok"), Der.utf8("bad name")))))
                .hasMessageStartingWith("payload.success.consoles[1]: invalid name \"bad name\"");
    }

    @Test
    void aMessageThatIsNotUtf8IsRefused() {
        byte[] bytes = Malformed.payload(1, Der.explicit(1, Der.utf8("ok")));
        bytes[bytes.length - 2] = (byte) 0xC3; // a lead byte followed by 'k', not a continuation byte
        assertRefused(bytes).hasMessage("payload.success.string: UTF8String is not valid UTF-8");
    }

    @Test
    void aFailureThatIsNotTextIsRefused() {
        assertRefused(payload(2, Der.integer(1))).hasMessage("payload.failure: expected UTF8String, got INTEGER");
    }
}
