package org.albatross.client.transport;

/** The daemon answered a command with a failure; the message is the daemon's. */
public final class CommandRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandRefused(String message) {
        super(message);
    }
}
