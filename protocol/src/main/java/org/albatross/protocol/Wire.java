package org.albatross.protocol;

import java.util.Objects;

/** One albatross message: a header and a payload. */
public record Wire(Header header, Payload payload) {
    /** The only wire version albatross 2.x speaks and we accept. */
    public static final int VERSION = 5;

    public Wire {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /** The reply to this message's header: albatross echoes the request's header, sequence number included. */
    public Wire reply(Payload reply) {
        return new Wire(header, reply);
    }
}
