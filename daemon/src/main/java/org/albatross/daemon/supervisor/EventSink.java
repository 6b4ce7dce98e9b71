package org.albatross.daemon.supervisor;

import java.util.List;
import org.albatross.protocol.Event;

/** Where the supervisor records what it did; recording is durable when this returns, failures are reported there. */
@FunctionalInterface
public interface EventSink {
    void record(Event event);

    /**
     * Records {@code events} in this order, durable together when this returns. Sinks that can make them durable at
     * once (one sync for all) do so; this default records them one by one.
     */
    default void recordAll(List<Event> events) {
        events.forEach(this::record);
    }
}
