package org.albatross.policy.cert;

import java.util.Objects;

/** A certificate chain that does not give an identity: why, in words an operator or tenant can act on. */
public final class ChainRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the chain. */
    public enum Reason {
        EMPTY,
        TOO_LONG,
        EXPIRED,
        NOT_YET_VALID,
        REVOKED,
        /** BasicConstraints, KeyUsage or ExtendedKeyUsage contradict the certificate's place in the chain. */
        CONSTRAINTS,
        /** A certificate is not signed by the next one, or the chain does not end at the trusted root. */
        UNTRUSTED,
        MALFORMED_EXTENSION,
        NO_COMMAND,
        COMMAND_NOT_ALLOWED,
        INVALID_NAME,
        /** A policy in the chain is not smaller than the one above it. */
        POLICY_NOT_SMALLER
    }

    private final Reason reason;

    public ChainRefused(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ChainRefused(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
