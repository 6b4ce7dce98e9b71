package org.albatross.client.transport;

/**
 * The daemon could not be reached or did not keep to the protocol. The message says what happened in words a user
 * can act on; {@link #reason()} tells the two cases apart, which albatross's client maps to different exit codes.
 */
public final class TransportError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in albatross's terms. */
    public enum Reason {
        /** No connection could be made (albatross-client exit code 122). */
        CONNECTION_FAILED,
        /** The connection broke, timed out or carried something unexpected (exit code 121). */
        COMMUNICATION_FAILED,
        /** The daemon refused this client's certificate chain during the TLS handshake (exit code 119). */
        LOCAL_AUTHENTICATION_FAILED,
        /** The daemon's certificate did not verify against the trusted CA (exit code 120). */
        REMOTE_AUTHENTICATION_FAILED
    }

    private final Reason reason;

    TransportError(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    TransportError(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
