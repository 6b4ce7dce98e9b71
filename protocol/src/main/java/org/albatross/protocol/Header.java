package org.albatross.protocol;

import java.util.Objects;

/** Message header: the sequence number (an int64 on the wire) and the name the payload is about. */
public record Header(long sequence, Name name) {
    public Header {
        Objects.requireNonNull(name, "name");
    }

    // equals and hashCode written out, not generated: a record's generated equals is linked through method handles
    // on its first call, milliseconds that every client command paid to check its reply's header (docs/performance.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof Header header && sequence == header.sequence && name.equals(header.name);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + name.hashCode();
    }

    /** Always {@link Wire#VERSION}: a header of any other version is refused when decoded. */
    public int version() {
        return Wire.VERSION;
    }
}
