package org.albatross.daemon.reply;

import java.util.concurrent.CompletableFuture;
import org.albatross.protocol.Payload;

/**
 * Data the client streams after its command (block set): raw frames, ended by a zero-length frame. Called on the
 * connection's event loop, so {@link #accept} hands the work off and never blocks; it says when the connection
 * should stop reading for a while, and calls the wake-up the dispatcher was given once it may read again.
 */
public interface InboundStream {
    /** Takes a chunk; false when enough are waiting to be stored that the connection should pause reading. */
    boolean accept(byte[] chunk);

    /** The client ended the stream: the reply once everything it sent is stored (or why it could not be). */
    CompletableFuture<Payload> end();

    /** The client went away before ending the stream: nothing it sent is kept. */
    void abort();
}
