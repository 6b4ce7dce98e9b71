package org.albatross.client.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * One connection to the daemon as a {@link Session} uses it: frames out, and what comes in, in arrival order. A
 * connection only moves frames; the session encodes and decodes the messages in them.
 */
interface Connection {
    /** Who is at the other end, for messages: the socket's path, or host:port. */
    String peer();

    /**
     * Writes one frame whose body is {@code body}; an empty body is the zero-length frame that ends a stream.
     *
     * @throws java.nio.channels.InterruptedByTimeoutException when the frame is not written within {@code within}
     * @throws IOException when the connection fails, e.g. because the daemon closed it
     */
    void send(byte[] body, Duration within) throws IOException;

    /** The next inbound frame or event, or null if none comes within {@code wait}. */
    Inbound next(Duration wait) throws InterruptedException;

    /** Closes the connection and releases what it holds; closing twice does nothing more. */
    void close(Duration within);
}
