package org.albatross.daemon.supervisor;

import org.albatross.protocol.Event;

/** Where the supervisor records what it did; recording is durable when this returns, failures are reported there. */
@FunctionalInterface
public interface EventSink {
    void record(Event event);
}
