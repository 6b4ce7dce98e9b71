package org.albatross.protocol;

import java.util.Objects;

/** Message header: the sequence number (an int64 on the wire) and the name the payload is about. */
public record Header(long sequence, Name name) {
    public Header {
        Objects.requireNonNull(name, "name");
    }

    /** Always {@link Wire#VERSION}: a header of any other version is refused when decoded. */
    public int version() {
        return Wire.VERSION;
    }
}
