package org.albatross.daemon.endpoint.tls;

import java.util.Locale;

/** Why the remote endpoint turned a peer away before or instead of running its command. */
public enum Refusal {
    TOO_MANY_CONNECTIONS("too many connections open"),
    TOO_MANY_CONNECTIONS_FROM_ADDRESS("too many connections open from this address"),
    TOO_MANY_HANDSHAKES("too many TLS handshakes under way"),
    HANDSHAKE_TIMEOUT("TLS handshake not finished in time"),
    HANDSHAKE_FAILED("TLS handshake failed"),
    CHAIN_REFUSED("certificate chain refused"),
    POLICY_REFUSED("a policy of the chain does not fit the resource tree"),
    IDLE("connection idle for too long"),
    FRAME_TOO_LARGE("frame larger than allowed");

    private final String description;

    Refusal(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The refusal as a meter's tag: {@code handshake-timeout}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
