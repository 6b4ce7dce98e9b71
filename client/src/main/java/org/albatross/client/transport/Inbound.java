package org.albatross.client.transport;

import java.util.Objects;
import org.albatross.protocol.Wire;

/** What the connection hands to the caller's thread, in arrival order. */
sealed interface Inbound {
    record Message(Wire wire) implements Inbound {
        public Message {
            Objects.requireNonNull(wire, "wire");
        }
    }

    /** The peer sent a zero-length frame. */
    record EndOfStream() implements Inbound {
    }

    /** The connection is closed; nothing follows. */
    record Closed() implements Inbound {
    }

    /** The connection broke or carried an undecodable frame; the channel is being closed. */
    record Broken(Throwable cause) implements Inbound {
        public Broken {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
