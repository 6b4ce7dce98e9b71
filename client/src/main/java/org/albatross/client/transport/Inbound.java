package org.albatross.client.transport;

import java.util.Objects;

/** What a connection hands to the caller's thread, in arrival order. */
sealed interface Inbound {
    /** One frame's body: a message for the session to decode. */
    record Frame(byte[] body) implements Inbound {
        public Frame {
            Objects.requireNonNull(body, "body");
        }
    }

    /** The peer sent a zero-length frame. */
    record EndOfStream() implements Inbound {
    }

    /** The connection is closed; nothing follows. */
    record Closed() implements Inbound {
    }

    /** The connection broke or carried something that is not a message; it is being closed. */
    record Broken(Throwable cause) implements Inbound {
        public Broken {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
