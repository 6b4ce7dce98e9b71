package org.albatross.daemon.events;

import org.albatross.protocol.Data;

/**
 * Where an {@link EventSubscription} delivers. The history it asked for is handed over by a thread of the
 * subscription's own, which may wait for room; every new event after it is offered on the appending thread, inside
 * the log's lock, so an offer must never wait.
 */
public interface EventReceiver {
    /** Takes an event of the history, waiting while there is no room for it. */
    void put(Data.EventEntry entry) throws InterruptedException;

    /** Takes a new event at once if there is room for it; false if the subscriber is too far behind to. */
    boolean offer(Data.EventEntry entry);
}
