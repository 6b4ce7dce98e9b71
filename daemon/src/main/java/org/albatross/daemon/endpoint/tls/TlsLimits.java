package org.albatross.daemon.endpoint.tls;

import java.time.Duration;
import org.albatross.protocol.netty.FrameDecoder;

/**
 * What one peer may take of the remote endpoint.
 *
 * @param handshakeTimeout how long a peer has to finish the TLS handshake
 * @param idleTimeout how long a connection may pass with nothing read or written
 * @param maxConnections connections open at once, overall
 * @param maxConnectionsPerAddress connections open at once from one IP address
 * @param maxFrameLength the largest frame a client may stream after the handshake
 */
public record TlsLimits(Duration handshakeTimeout, Duration idleTimeout, int maxConnections,
        int maxConnectionsPerAddress, int maxFrameLength) {

    public static final TlsLimits DEFAULTS = new TlsLimits(Duration.ofSeconds(10), Duration.ofMinutes(10), 256, 16,
            FrameDecoder.DEFAULT_MAX_FRAME_LENGTH);

    public TlsLimits {
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxFrameLength < 1) {
            throw new IllegalArgumentException("connection and frame limits must be at least 1, got "
                    + maxConnections + ", " + maxConnectionsPerAddress + " and " + maxFrameLength);
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }
}
