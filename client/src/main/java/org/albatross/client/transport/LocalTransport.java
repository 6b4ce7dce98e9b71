package org.albatross.client.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Connects to albatrossd's local endpoint, the Unix domain socket ({@code <tmpdir>/util/vmmd.sock} by default),
 * with the JDK's Unix domain sockets ({@link UnixSocketConnection}) and the daemon's own framing and codec.
 */
public final class LocalTransport {
    /** How long a connect, a write or a wait for the next message may take unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private LocalTransport() {
    }

    public static Session connect(Path socket) {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /**
     * Opens a connection; {@code timeout} bounds the connect and, later, each write and each wait for a message.
     *
     * @throws TransportError when the socket is missing, nobody listens on it, or it does not accept in time
     */
    public static Session connect(Path socket, Duration timeout) {
        Objects.requireNonNull(socket, "socket");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        try {
            return new Session(UnixSocketConnection.open(socket, timeout), timeout);
        } catch (IOException failed) {
            throw new TransportError(TransportError.Reason.CONNECTION_FAILED,
                    "cannot connect to " + socket + ": " + why(socket, failed, timeout) + " - is albatrossd running?",
                    failed);
        }
    }

    /** A failed connect in words; the JDK's text for a missing socket names the errno rather than the file. */
    private static String why(Path socket, IOException failure, Duration timeout) {
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof InterruptedByTimeoutException) {
            return "not accepted within " + timeout.toMillis() + " ms";
        }
        if (!Files.exists(socket)) {
            return "no such file";
        }
        return String.valueOf(failure.getMessage());
    }
}
