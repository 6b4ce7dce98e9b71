package org.albatross.protocol.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.albatross.protocol.ProtocolError;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bouncycastle.asn1.ASN1Encodable;

/** Builds invalid messages with Bouncy Castle (a valid header around a crafted payload) and asserts the error. */
final class Malformed {
    private Malformed() {
    }

    static ASN1Encodable header() {
        return Der.sequence(Der.integer(5), Der.int64(7), Der.utf8(":foo"));
    }

    /** A wire message whose payload is {@code [tag] content}. */
    static byte[] payload(int tag, ASN1Encodable content) {
        return Der.bytes(Der.sequence(header(), Der.explicit(tag, content)));
    }

    static byte[] command(int service, ASN1Encodable content) {
        return payload(0, Der.explicit(service, content));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] bytes) {
        return assertThatThrownBy(() -> WireCodec.decode(bytes)).isExactlyInstanceOf(ProtocolError.class);
    }
}
