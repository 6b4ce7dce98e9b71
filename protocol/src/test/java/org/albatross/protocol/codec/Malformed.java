package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.albatross.protocol.ProtocolError;
import org.assertj.core.api.AbstractThrowableAssert;

/** Builds invalid messages (a valid header around a crafted payload) and asserts the error. */
final class Malformed {
    private Malformed() {
    }

    static DerValue header() {
        return Der.sequence(Der.integer(5), Der.int64(7), Der.utf8(":foo"));
    }

    /** A wire message whose payload is {@code [tag] content}. */
    static byte[] payload(int tag, DerValue content) {
        return Der.bytes(Der.sequence(header(), Der.explicit(tag, content)));
    }

    static byte[] command(int service, DerValue content) {
        return payload(0, Der.explicit(service, content));
    }

    /** A GeneralizedTime whose text is {@code text}, whatever it says. */
    static DerValue time(String text) {
        return DerValue.primitive(DerValue.GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] bytes) {
        return assertThatThrownBy(() -> WireCodec.decode(bytes)).isExactlyInstanceOf(ProtocolError.class);
    }
}
