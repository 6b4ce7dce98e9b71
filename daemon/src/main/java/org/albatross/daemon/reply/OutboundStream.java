package org.albatross.daemon.reply;

import java.util.List;
import org.albatross.protocol.Data;

/**
 * Data that follows a success reply (console lines, events, block data), read by the connection at its own pace:
 * it {@linkplain #poll polls} until a batch comes back empty, then waits for the wake-up it gave when the stream was
 * opened. A pull model, so that a slow client never makes the producer wait or buffer without bound.
 */
public interface OutboundStream {
    /** Up to {@code max} messages ready now, oldest first; empty when nothing is ready yet. */
    Batch poll(int max);

    /** The client went away or the daemon stops: release what the stream holds. Idempotent. */
    void close();

    /** Messages ready now, and whether the stream has ended after them. */
    record Batch(List<Data> data, boolean ended) {
        public Batch {
            data = List.copyOf(data);
        }
    }
}
