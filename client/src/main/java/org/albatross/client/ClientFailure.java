package org.albatross.client;

import java.util.Objects;

/** A failure the user can act on, reported as one line with its exit status. */
final class ClientFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode status;

    ClientFailure(ExitCode status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
    }

    ClientFailure(ExitCode status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
    }

    ExitCode status() {
        return status;
    }
}
