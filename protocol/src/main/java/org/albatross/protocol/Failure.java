package org.albatross.protocol;

import java.util.Objects;

/** A failure reply; after sending one the daemon closes the connection. */
public record Failure(String message) implements Payload {
    public Failure {
        Objects.requireNonNull(message, "message");
    }
}
